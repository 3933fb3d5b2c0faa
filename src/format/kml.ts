import { splitAtAntimeridian, type Position } from './antimeridian.ts';
import type { MapFeature } from './features.ts';

/**
 * KML 2.2 (OGC 07-147r2): one Placemark a row, named (GENERATED first when the row is), with its
 * time span, its line (split at the antimeridian into a MultiGeometry, as GeoJSON's is; none
 * when a point is unknown) and every column of the row as ExtendedData, `generated` among them.
 */
export function writeKml(title: string, features: readonly MapFeature[]): string {
  const marks = features.map((f) => {
    const span = f.begin ? `    <TimeSpan><begin>${f.begin}</begin>${f.end ? `<end>${f.end}</end>` : ''}</TimeSpan>\n` : '';
    const data = Object.entries(f.properties).map(([k, v]) => `      <Data name="${esc(k)}"><value>${esc(v === null ? '' : String(v))}</value></Data>\n`).join('');
    return `  <Placemark>\n    <name>${esc(f.name)}</name>\n    <description>${esc(f.description)}</description>\n${span}    <ExtendedData>\n${data}    </ExtendedData>\n${geometry(f.path)}  </Placemark>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n  <name>${esc(title)}</name>\n${marks.join('')}</Document>\n</kml>\n`;
}

function geometry(path: Position[] | null): string {
  const parts = path ? splitAtAntimeridian(path) : [];
  const line = (p: Position[]) => `<LineString><tessellate>1</tessellate><coordinates>${p.map(([lon, lat]) => `${lon},${lat},0`).join(' ')}</coordinates></LineString>`;
  if (parts.length === 0) return '';
  if (parts.length === 1) return `    ${line(parts[0]!)}\n`;
  return `    <MultiGeometry>${parts.map(line).join('')}</MultiGeometry>\n`;
}

/** XML text and attribute escaping. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
