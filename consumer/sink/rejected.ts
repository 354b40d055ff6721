/** A write MongoDB refused for its content: the position of its event in the chunk, and why. */
export interface Rejected {
  readonly index: number;
  readonly reason: string;
}
