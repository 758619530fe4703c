/**
 * Cuts a byte stream into frames of a 4-byte big-endian length followed by that many bytes: the
 * framing of HBase RPC responses and of ZooKeeper's jute packets. Pure: no socket here.
 */
export class FrameTooLargeError extends Error {
  override name = 'FrameTooLargeError';
  constructor(readonly size: number, readonly max: number) {
    super(`Cannot accept a frame of ${size} bytes: the limit is ${max}`);
  }
}

export class FrameDecoder {
  #pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes: number) {}

  /** Returns every complete frame (without its length prefix) and keeps the incomplete tail. */
  push(chunk: Buffer): Buffer[] {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const frames: Buffer[] = [];
    while (this.#pending.length >= 4) {
      const size = this.#pending.readUInt32BE(0);
      // A hostile or broken peer must not make us buffer gigabytes.
      if (size > this.maxFrameBytes) throw new FrameTooLargeError(size, this.maxFrameBytes);
      if (this.#pending.length < 4 + size) break;
      frames.push(this.#pending.subarray(4, 4 + size));
      this.#pending = this.#pending.subarray(4 + size);
    }
    return frames;
  }

  /** Bytes received but not yet part of a whole frame. */
  get buffered(): number {
    return this.#pending.length;
  }
}
