/** An answer kept until it fails or is reset (where meta and the master are). */
export class Memo<T> {
  #value: Promise<T> | undefined;
  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.#value) {
      const value = this.load();
      value.catch(() => this.#value === value && (this.#value = undefined));
      this.#value = value;
    }
    return this.#value;
  }

  reset(): void {
    this.#value = undefined;
  }
}
