/**
 * Results kept by the text they were computed from (a resource's lines, a section), most recently used
 * last. Keys are texts, so an edit misses only the part it changed; the cache forgets the oldest entries
 * beyond a budget of characters.
 */
export class TextCache<T> {
  private readonly entries = new Map<string, T>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string, make: () => T): T {
    const found = this.entries.get(text);
    if (found !== undefined) {
      this.entries.delete(text);
      this.entries.set(text, found);
      return found;
    }
    const made = make();
    this.entries.set(text, made);
    this.chars += text.length;
    for (const key of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(key);
      this.chars -= key.length;
    }
    return made;
  }
}
