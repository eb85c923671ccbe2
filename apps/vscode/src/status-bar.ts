import type * as vscode from 'vscode';
import { type StatusState, statusView } from './status-view.ts';
import type { VscodeApi } from './vscode-api.ts';

/** The status bar item: renders `statusView(state)`, nothing else. */
export class StatusBar {
  readonly #item: vscode.StatusBarItem;
  readonly #api: VscodeApi;
  #state: StatusState;
  #enabled = true;

  constructor(api: VscodeApi, initial: StatusState) {
    this.#api = api;
    this.#item = api.window.createStatusBarItem('devtime.status', api.StatusBarAlignment.Left, 100);
    this.#item.name = 'DevTime';
    this.#state = initial;
    this.#render();
  }

  get state(): StatusState {
    return this.#state;
  }

  update(change: Partial<StatusState>): void {
    this.#state = { ...this.#state, ...change };
    this.#render();
  }

  setEnabled(enabled: boolean): void {
    this.#enabled = enabled;
    this.#render();
  }

  dispose(): void {
    this.#item.dispose();
  }

  #render(): void {
    if (!this.#enabled) {
      this.#item.hide();
      return;
    }
    const view = statusView(this.#state);
    this.#item.text = view.text;
    this.#item.tooltip = view.tooltip;
    this.#item.command = view.command;
    this.#item.accessibilityInformation = { label: view.ariaLabel };
    this.#item.backgroundColor = view.warning
      ? new this.#api.ThemeColor('statusBarItem.warningBackground')
      : undefined;
    this.#item.show();
  }
}
