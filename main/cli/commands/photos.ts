import { parseStoryDocument } from '../../../common/document.js';
import { namesFromText } from '../../../common/names.js';
import { NewsroomError } from '../../../common/errors.js';
import { PHOTO_FIELD_LABELS } from '../../../common/photo.js';
import { UsageError, type Command } from '../command.js';

export const photos: Command = {
  names: ['photos'],
  usage: [['newsroom photos ID|SLUG [--json]', "a story's photos: caption, credit, alt text, what is missing"]],
  store: 'open',
  async run({ call, print, one }) {
    const list = await call('media:list', { id: one('story id or slug') });
    print(list, () =>
      list.length === 0
        ? 'This story has no photos.'
        : list
            .map((p) =>
              [
                `Photo ${p.number}${p.missing.length > 0 ? `  MISSING: ${p.missing.map((f) => PHOTO_FIELD_LABELS[f]).join(', ')}` : ''}`,
                `  caption: ${p.caption || '—'}`,
                `  credit:  ${p.creditLine || '—'}${p.credit.copyright ? `  (${p.credit.copyright})` : ''}`,
                `  alt:     ${p.alt || '—'}`,
                ...(p.fromPhoto.length > 0 ? [`  taken from the photo's metadata, to check: ${p.fromPhoto.join(', ')}`] : []),
              ].join('\n'),
            )
            .join('\n'),
    );
    return 0;
  },
};

export const addPhoto: Command = {
  names: ['add-photo'],
  usage: [
    ['newsroom add-photo ID|SLUG FILE [--caption C] [--credit "Name/Agency"] [--alt A] [--json]', "add a photo at the end of the story (empty fields are filled from the photo's own metadata)"],
  ],
  store: 'open',
  // The photo "picked" in the file dialog is the one given.
  dialogs: ({ args }) => ({ chooseImageFiles: async () => (args[1] === undefined ? [] : [args[1]]) }),
  async run({ args, values, call, print }) {
    if (args.length !== 2) throw new UsageError('add-photo needs a story id or slug and a photo file; see newsroom --help');
    const story = await call('story:get', { id: args[0] as string });
    const { imported, refused } = await call('media:choose', {});
    const [first] = imported;
    if (first === undefined) throw new NewsroomError('invalid-argument', refused[0]?.message ?? `${args[1]} was not added`);
    const given = { ...first.node, credit: { ...first.node.credit } };
    if (values.caption !== undefined) given.caption = values.caption;
    if (values.alt !== undefined) given.alt = values.alt;
    if (values.credit !== undefined) {
      const [names, agency = ''] = values.credit.split('/', 2);
      given.credit.photographers = namesFromText(names ?? '');
      given.credit.agency = agency.trim();
    }
    given.fromPhoto = given.fromPhoto.filter((field) =>
      field === 'caption' ? values.caption === undefined : field === 'photographers' || field === 'agency' ? values.credit === undefined : true,
    );
    const body = parseStoryDocument(story.body);
    body.root.children.push(given);
    const saved = await call('story:save', { id: story.id, version: story.version, body: JSON.stringify(body) });
    const all = await call('media:list', { id: saved.id });
    const added = all[all.length - 1];
    print({ story: saved.id, photo: first.photo.id, ...added }, () =>
      `Added photo ${added?.number} to ${saved.slug}: ${added?.creditLine || 'no credit yet'}${added && added.missing.length > 0 ? `; still missing: ${added.missing.map((f) => PHOTO_FIELD_LABELS[f]).join(', ')}` : ''}`,
    );
    return 0;
  },
};
