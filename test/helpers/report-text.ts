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
