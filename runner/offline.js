// @ts-check
// Placeholder: the service worker's registration (written with the service worker).

export function registerOfflineSupport() {}
