import type { Catalog } from '../../src/pledges/catalog';

/**
 * A data set written back as the text of a published report (the format `npm run data:import`
 * reads: page title, report name, slogan and intro, then each area's heading and its '・'
 * bullets, '/'-joined parts on one line). Lets a test import "next year's report" made from
 * whatever data/ holds today.
 */
export function reportTextOf(catalog: Pick<Catalog, 'source' | 'areas'>): string {
  const { source } = catalog;
  const lines = [source.pageTitle, source.reportTitle];
  if (source.slogan) lines.push(source.slogan);
  if (source.intro) lines.push(...source.intro.split('\n'));
  for (const area of catalog.areas) {
    lines.push(area.heading);
    for (const bullet of bulletsOf(area.items)) lines.push(`・${bullet}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The report's bullets of one area: items split from one '/'-joined bullet become one line again. */
export function bulletsOf(items: Catalog['areas'][number]['items']): string[] {
  const bullets: { bullet: number; parts: string[] }[] = [];
  for (const item of items) {
    const last = bullets[bullets.length - 1];
    if (item.part !== undefined && item.part > 1 && last?.bullet === item.bullet) last.parts.push(item.text);
    else bullets.push({ bullet: item.bullet, parts: [item.text] });
  }
  return bullets.map((b) => b.parts.join('/'));
}

/** What changedReport did, to check against. */
export interface ReportChange {
  text: string;
  areaId: string;
  reworded: { id: string; text: string };
  removed: { id: string; text: string };
  added: string;
}

/**
 * A changed report made from a data set: in an area with 3+ one-part bullets, the longest is
 * reworded a little (the import still sees the same item), another removed, and a new one
 * added after a third. Works for any data that data:check accepts with such an area.
 */
export function changedReport(catalog: Pick<Catalog, 'source' | 'areas'>): ReportChange {
  const area = catalog.areas.find((a) => a.items.filter((i) => i.part === undefined).length >= 3)!;
  const single = area.items.filter((i) => i.part === undefined);
  const reworded = [...single].sort((x, y) => y.text.length - x.text.length)[0]!;
  const [removed, kept] = single.filter((i) => i !== reworded);
  const added = '市役所の窓口に外国語の翻訳タブレットを配置';
  const bullets = bulletsOf(area.items)
    .filter((b) => b !== removed!.text)
    .map((b) => (b === reworded.text ? `${b}(令和8年度も継続)` : b))
    .flatMap((b) => (b === kept!.text ? [b, added] : [b]));
  const text = reportTextOf({
    source: catalog.source,
    areas: catalog.areas.map((a) =>
      a.id === area.id
        ? { ...a, items: bullets.map((t, i) => ({ ...a.items[0]!, part: undefined, bullet: i + 1, text: t })) }
        : a,
    ),
  });
  return {
    text,
    areaId: area.id,
    reworded: { id: reworded.id, text: reworded.text },
    removed: { id: removed!.id, text: removed!.text },
    added,
  };
}
