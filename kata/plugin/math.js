// Render the $...$ and $$...$$ math that pymdownx.arithmatex (generic mode) leaves in
// the page, with the KaTeX copy served by the site itself (no CDN). Also offered to the
// page's own code as window.kataRenderMath, for math it adds later (a solution's explanation).
(function () {
  function render(root) {
    for (const element of root.querySelectorAll(".arithmatex")) {
      // @ts-ignore: renderMathInElement comes from KaTeX's auto-render script.
      renderMathInElement(element, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
        throwOnError: false,
      });
    }
  }
  window.kataRenderMath = render;
  // @ts-ignore: document$ is mkdocs-material's page observable (instant navigation).
  if (typeof document$ !== "undefined") document$.subscribe(() => render(document.body));
  else document.addEventListener("DOMContentLoaded", () => render(document.body));
})();
