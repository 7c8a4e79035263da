import { RICH_MENU_LIMITS, type RichMenuDefinition } from './definition';

/** Checks the menu image the way LINE does: PNG or JPEG, exactly the menu's pixel size, ≤ 1 MB. */
export function checkRichMenuImage(
  image: Buffer,
  menu: RichMenuDefinition,
): { problems: string[]; contentType: 'image/png' | 'image/jpeg' } {
  const problems: string[] = [];
  let contentType: 'image/png' | 'image/jpeg' = 'image/png';
  let size: { width: number; height: number } | null = null;
  if (image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    size = { width: image.readUInt32BE(16), height: image.readUInt32BE(20) };
  } else if (image[0] === 0xff && image[1] === 0xd8) {
    contentType = 'image/jpeg';
    size = jpegSize(image);
  } else {
    problems.push('画像は PNG か JPEG にしてください');
  }
  if (image.length > RICH_MENU_LIMITS.imageBytes) problems.push(`画像が ${image.length} バイトです (1 MB まで)`);
  if (size && (size.width !== menu.size.width || size.height !== menu.size.height)) {
    problems.push(`画像の大きさ ${size.width}×${size.height} が menu.json の size ${menu.size.width}×${menu.size.height} と違います (npm run richmenu:image で作り直してください)`);
  }
  return { problems, contentType };
}

function jpegSize(buf: Buffer): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < buf.length) {
    if (buf[i] !== 0xff) return null;
    const marker = buf[i + 1]!;
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}
