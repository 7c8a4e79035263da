/**
 * The simulator's Flex renderer writes style="…" attributes; the console's Content Security
 * Policy allows no inline styles (only its stylesheet and one <style> block with this
 * response's nonce). This moves every style attribute of rendered HTML into a class and a rule,
 * so the test pane shows the reply exactly as the simulator draws it under a strict CSP.
 */
export function hoistStyles(html: string, prefix = 'fx'): { html: string; css: string } {
  const classes = new Map<string, string>();
  const unescape = (s: string): string =>
    s.replace(
      /&(amp|lt|gt|quot|#39);/gu,
      (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
    );
  const out = html.replace(/<[a-z][a-z0-9-]*\b[^>]*>/giu, (tag) => {
    const m = / style="([^"]*)"/u.exec(tag);
    if (!m) return tag;
    const css = unescape(m[1]!);
    let cls = classes.get(css);
    if (!cls) {
      cls = `${prefix}-${classes.size + 1}`;
      classes.set(css, cls);
    }
    const rest = tag.replace(m[0], '');
    return / class="/u.test(rest)
      ? rest.replace(/ class="/u, ` class="${cls} `)
      : rest.replace(/^(<[a-z][a-z0-9-]*)/iu, `$1 class="${cls}"`);
  });
  // Declarations only (the renderer allows checked colours and lengths); never a way out of <style>.
  const css = [...classes].map(([decl, cls]) => `.${cls}{${decl.replace(/[<>{}]/gu, '')}}`).join('\n');
  return { html: out, css };
}
