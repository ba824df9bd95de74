import { parseEntityTagList } from './entity-tag-list';

describe('parseEntityTagList', () => {
  it('reads * with spaces', () => {
    expect(parseEntityTagList(' * ')).toEqual({ any: true });
  });

  it('reads weak and strong tags', () => {
    expect(parseEntityTagList('"1", W/"2" ,"3"')).toEqual({
      any: false,
      tags: [
        { weak: false, opaque: '1' },
        { weak: true, opaque: '2' },
        { weak: false, opaque: '3' },
      ],
    });
  });

  it.each([[', W/"3"'], ['W/"3", '], ['W/"3",,'], [' ,\t, W/"3"']])(
    'skips empty elements in %j',
    (value) => {
      expect(parseEntityTagList(value)).toEqual({
        any: false,
        tags: [{ weak: true, opaque: '3' }],
      });
    },
  );

  it('keeps tags around empty elements', () => {
    expect(parseEntityTagList('"a", , "b"')).toEqual({
      any: false,
      tags: [
        { weak: false, opaque: 'a' },
        { weak: false, opaque: 'b' },
      ],
    });
  });

  it.each([[''], [','], [' , , '], ['1'], ['"1" "2"'], ['"1", 2'], ['W/1']])(
    'rejects %j',
    (value) => {
      expect(parseEntityTagList(value)).toBeUndefined();
    },
  );
});
