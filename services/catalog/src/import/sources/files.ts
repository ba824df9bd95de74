import type { SourceName } from '../types';

/** Path of each data set's file, relative to the data directory. */
export const SOURCE_FILES: Readonly<Record<SourceName, string>> = {
  helios: 'helios/scholarships.json',
  bigfuture_arizona: 'bigfuture_arizona/scholarships.json',
  scholarship_for_everyone: 'scholarship_for_everyone/scholarships.csv',
  islt_7310: 'islt_7310/scholarships_data.csv',
};
