// @ts-check
// Placeholder: the service worker (written next).
