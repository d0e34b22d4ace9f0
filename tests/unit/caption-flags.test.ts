import { describe, expect, it } from 'vitest';
import { captionFlags } from '../../common/photo.js';

describe('captions an agency wrote into the file, flagged for checking (issue 13)', () => {
  it.each([
    ['Flooded streets in Santa Cruz do Sul, Brazil, on Nov. 24, 2026. -29.7175, -52.4258', ['coordinates']],
    ['Rescue boats at 29°43\'S 52°25\'W on the Pardo river', ['coordinates']],
    ['Workers clear debris. GPS: 50.4501 30.5234', ['coordinates']],
    ['Lat: 50.45 Lon: 30.52 — the square at dawn', ['coordinates']],
    ['Protesters outside parliament. More at https://agency.example/gallery/123', ['web-address']],
    ['See www.example.com for licensing', ['web-address']],
    ['Licensing: pictures.example.org/terms 48.8566, 2.3522', ['coordinates', 'web-address']],
  ])('flags %j', (caption, flags) => {
    expect(captionFlags(caption)).toEqual(flags);
  });

  it.each([
    'The mayor, 52, speaks at the council meeting on Tuesday.',
    'Residents of 3 villages left before 6.30 p.m. as the river rose 2.5 metres.',
    'Temperatures fell to -3.5 °C overnight in Kyiv.',
    'The St. Louis skyline at dusk. A.B. Smith/Agency',
    'Score 2-1 in the 90th minute.',
  ])('leaves %j alone', (caption) => {
    expect(captionFlags(caption)).toEqual([]);
  });
});
