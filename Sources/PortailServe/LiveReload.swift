import Foundation

/// The script that the preview adds to every page it serves (never to the files on disk): it
/// asks `/__portail/status` what the last build was, reloads the page after each new good
/// build, and shows the errors of a failed one over the page, with their `file:line:column`,
/// source line and hint, until the content is fixed.
///
/// It is a file of the preview's own (`/__portail/live.js`), not an inline script, so that the
/// pages' Content-Security-Policy (`script-src 'self'`) lets it run as it will in production.
enum LiveReload {
    static let scriptPath = "/__portail/live.js"
    static let statusPath = "/__portail/status"
    static let tag = "<script src=\"\(scriptPath)\"></script>\n"

    /// The page with the script before `</body>` (at the end when there is none).
    static func inject(into html: Data) -> Data {
        let marker = Data("</body>".utf8)
        guard let range = html.range(of: marker, options: .backwards) else { return html + Data(tag.utf8) }
        var page = html
        page.replaceSubrange(range.lowerBound..<range.lowerBound, with: Data(tag.utf8))
        return page
    }

    static let script = #"""
        // portail serve: reloads this page after each build, shows content errors over it.
        (function () {
          "use strict";
          var english = (document.documentElement.lang || "").slice(0, 2) === "en";
          var text = english ? {
            title: "The content has errors: this is the last good build.",
            fixed: "Fix the files and save: the page reloads by itself.",
            close: "Hide", lost: "portail serve is not answering."
          } : {
            title: "Le contenu a des erreurs : ceci est la dernière version valide.",
            fixed: "Corrigez les fichiers et enregistrez : la page se recharge d’elle-même.",
            close: "Masquer", lost: "portail serve ne répond plus."
          };
          var seen = null, panel = null, shownFor = null, failures = 0;

          function el(name, style, content) {
            var node = document.createElement(name);
            if (style) node.style.cssText = style;
            if (content !== undefined) node.textContent = content;
            return node;
          }

          function hide() {
            if (panel) { panel.remove(); panel = null; }
          }

          function show(status) {
            var key = JSON.stringify(status.problems);
            if (panel && shownFor === key) return;
            hide();
            shownFor = key;
            panel = el("section", "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
              "background:#fff;color:#1a1a1a;border-top:4px solid #b00020;box-shadow:0 -4px 16px rgba(0,0,0,.25);" +
              "padding:1rem 1.25rem;font:15px/1.45 system-ui,sans-serif;text-align:left");
            panel.setAttribute("role", "alert");
            panel.id = "portail-serve-errors";
            var heading = el("h2", "margin:0 0 .25rem;font-size:1.1rem;color:#b00020", text.title);
            var close = el("button", "float:right;font:inherit;padding:.2rem .6rem", text.close);
            close.type = "button";
            close.addEventListener("click", hide);
            panel.appendChild(close);
            panel.appendChild(heading);
            panel.appendChild(el("p", "margin:0 0 .75rem", text.fixed));
            status.problems.forEach(function (problem) {
              if (problem.severity !== "error") return;
              var item = el("div", "margin:0 0 .9rem");
              var head = el("p", "margin:0;font-weight:600");
              head.appendChild(el("code", "font:600 14px/1.4 ui-monospace,monospace", problem.location));
              head.appendChild(document.createTextNode(" " + problem.message + " [" + problem.code + "]"));
              item.appendChild(head);
              if (problem.source) {
                var lines = problem.source;
                if (problem.column > 0) lines += "\n" + " ".repeat(problem.column - 1) + "^";
                item.appendChild(el("pre", "margin:.25rem 0;padding:.4rem .6rem;background:#f4f4f4;overflow:auto;" +
                  "font:13px/1.4 ui-monospace,monospace;white-space:pre", lines));
              }
              if (problem.hint) item.appendChild(el("p", "margin:0;color:#444", "→ " + problem.hint));
              panel.appendChild(item);
            });
            document.body.appendChild(panel);
          }

          function poll() {
            fetch("/__portail/status", { cache: "no-store" }).then(function (response) {
              return response.json();
            }).then(function (status) {
              failures = 0;
              if (seen === null) seen = status.build;
              if (status.build !== seen) { location.reload(); return; }
              if (status.state === "failed") show(status); else hide();
            }).catch(function () {
              failures += 1;
              if (failures === 3) console.info(text.lost);
            }).then(function () {
              setTimeout(poll, failures > 2 ? 2000 : 100);
            });
          }
          poll();
        })();

        """#
}
