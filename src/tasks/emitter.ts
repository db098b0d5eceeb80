// A minimal typed event emitter: the store and the rate gate need events, and this core must not
// import `vscode` (whose EventEmitter the views would otherwise use).

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

export class Emitter<T> implements Disposable {
  private listeners: Listener<T>[] = [];

  /** `onListenerError` keeps one faulty listener from starving the others of the event. */
  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(event: T): void {
    // Iterate over a copy: a listener may dispose itself (or another) while being called.
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}
