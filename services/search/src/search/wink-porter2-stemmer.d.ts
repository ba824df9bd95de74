declare module 'wink-porter2-stemmer' {
  /** Returns the English (Snowball, Porter2) stem of one lowercase word. */
  export default function stem(word: string): string;
}
