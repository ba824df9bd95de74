import { parseBigFuture } from './bigfuture';
import { parseHelios } from './helios';
import { parseIefa } from './iefa';
import { parseIslt } from './islt';

describe('parseIslt', () => {
  it('reads CRLF rows with quoted amounts', () => {
    const text =
      'Days til due,Amount,Scholarship Title,Due Date\r\n0,"$25,000",CIA Graduate Program Scholarship,2024-06-30\r\n0,Varies,"Kenneth E. Hasbrouck, Sr. History Scholarship",2025-03-01\r\n';
    expect(parseIslt(text)).toEqual([
      {
        rowNumber: 1,
        title: 'CIA Graduate Program Scholarship',
        amount: '$25,000',
        dueDate: '2024-06-30',
      },
      {
        rowNumber: 2,
        title: 'Kenneth E. Hasbrouck, Sr. History Scholarship',
        amount: 'Varies',
        dueDate: '2025-03-01',
      },
    ]);
  });

  it('names a missing column', () => {
    expect(() => parseIslt('Amount,Title\r\n1,2\r\n')).toThrow(
      'lacks the column(s) "Scholarship Title"',
    );
  });
});

describe('parseIefa', () => {
  it('reads quoted multi-line descriptions', () => {
    const text =
      'Title,Sponsor,Submission Deadline,Award Amount,Description\n' +
      'Browse Awards,N/A,N/A,N/A,N/A\n' +
      'Siemens Westinghouse Competition,Sponsor: Siemens Foundation,"Mathematics, Sciences",$100,"Line one,\nline two"\n';
    const rows = parseIefa(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({
      rowNumber: 2,
      title: 'Siemens Westinghouse Competition',
      sponsor: 'Sponsor: Siemens Foundation',
      categories: 'Mathematics, Sciences',
      amount: '$100',
      description: 'Line one,\nline two',
    });
  });
});

describe('parseHelios', () => {
  const record = {
    id: 8,
    name: 'Actuary of Tomorrow',
    description: null,
    weblink: 'http://example.org',
    gender: 'N/A',
    race: 'N/A',
    gpa: 100,
    state: 'N/A',
    major: 'Mathematics',
    needormerit: 'Merit Based',
    misc: 'N/A',
    level: 'Current Undergraduate',
    award: '$7,500',
    deadline: '5/15/2015',
  };

  it('accepts a valid record', () => {
    expect(parseHelios(JSON.stringify([record]))).toEqual([record]);
  });

  it('names the invalid field', () => {
    expect(() => parseHelios(JSON.stringify([{ ...record, gpa: 'high' }]))).toThrow(
      'Invalid helios record at [0.gpa]',
    );
  });
});

describe('parseBigFuture', () => {
  it('names missing headers', () => {
    expect(() =>
      parseBigFuture(JSON.stringify({ headers: ['Scholarship Name'], data: [] })),
    ).toThrow('lacks the header(s)');
  });
});
