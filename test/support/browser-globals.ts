// What @microsoft/fetch-event-source expects of a browser, for running it in Node: `window` (its
// timers and fetch) and a `document` whose `hidden` a test can flip, firing 'visibilitychange'.
// Installed only while a client runs: with them in place, the model SDKs take Node for a browser
// and refuse to start.
export interface BrowserGlobals {
  setHidden: (hidden: boolean) => void
  uninstall: () => void
}

export function installBrowserGlobals (): BrowserGlobals {
  const document = Object.assign(new EventTarget(), { hidden: false })
  Object.assign(globalThis, { window: globalThis, document })
  return {
    setHidden: (hidden) => {
      document.hidden = hidden
      document.dispatchEvent(new Event('visibilitychange'))
    },
    uninstall: () => {
      Reflect.deleteProperty(globalThis, 'window')
      Reflect.deleteProperty(globalThis, 'document')
    }
  }
}
