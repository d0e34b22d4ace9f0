/** `newsroom sync`: brings this machine in step with its desk now; exits 0 when done, else 1 with one line saying why. */
import type { DeskSyncReport } from '../../../common/contract/index.js';
import type { Command } from '../command.js';

function reportText(report: DeskSyncReport): string {
  const lines = [`In step with the desk at ${report.url}: ${report.stories} ${report.stories === 1 ? 'story' : 'stories'}`];
  if (report.uploaded > 0) lines.push(`  uploaded ${report.uploaded} new ${report.uploaded === 1 ? 'story' : 'stories'}`);
  if (report.fetched > 0) lines.push(`  fetched ${report.fetched} ${report.fetched === 1 ? 'story' : 'stories'} from the desk`);
  if (report.photos > 0) lines.push(`  uploaded ${report.photos} ${report.photos === 1 ? 'photo' : 'photos'} (without GPS or camera serials)`);
  for (const move of report.moves) {
    lines.push(move.status === 'sent' ? `  ${move.action} ${move.storyId}: done, now ${move.state}` : `  ${move.action} ${move.storyId}: refused by the desk: ${move.reason}`);
  }
  return lines.join('\n');
}

export const sync: Command = {
  names: ['sync'],
  usage: [['newsroom sync [--json]', 'bring this machine in step with its desk now (newsroom desk connect first)']],
  store: 'open',
  async run({ call, print }) {
    const report = await call('desk:sync', {});
    print(report, () => reportText(report));
    return 0;
  },
};
