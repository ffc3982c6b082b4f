// @ts-check
// The service worker's registration (see sw.js): once the page has loaded and Python has had
// its start, so that storing the site for offline use never competes with the first load.

import { siteRoot } from "./catalog.js";

const SW_FILE = "kata-sw.js";
const DELAY_MS = 4000;

export function registerOfflineSupport() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  const register = () => {
    const root = siteRoot();
    navigator.serviceWorker.register(new URL(SW_FILE, root), { scope: root.pathname }).catch((error) => {
      console.warn("Tensor Kata: offline use is not available here", error);
    });
  };
  const later = () => setTimeout(register, DELAY_MS);
  if (document.readyState === "complete") later();
  else addEventListener("load", later, { once: true });
}
