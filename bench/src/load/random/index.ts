export { mulberry32 as seededRandom } from '../../catalog-random';
export { type UniformRandom, ZipfSampler } from './zipf';
