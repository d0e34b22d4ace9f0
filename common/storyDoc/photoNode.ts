/**
 * The photo node's data, without its React part, so the same node runs headless in Node (the
 * engine seeds and reads story docs) and in the window (renderer/editor/nodes/PhotoNode.tsx adds
 * the figure). The data is an own field assigned in the constructor, with a default when the
 * constructor gets no arguments: @lexical/yjs builds nodes that way and then copies the synced
 * `__` fields in (facebook/lexical#4912), so a field set only by importJSON would never sync.
 */
import { $applyNodeReplacement, DecoratorNode, type LexicalNode, type NodeKey } from 'lexical';
import type { PhotoNodeJSON } from '../document.js';

export type PhotoData = Omit<PhotoNodeJSON, 'type' | 'version'>;

export function emptyPhotoData(): PhotoData {
  return {
    photoId: '',
    width: 0,
    height: 0,
    alt: '',
    caption: '',
    credit: { photographers: [], agency: '', via: '', copyright: '', usageTerms: '' },
    layout: 'column',
    fromPhoto: [],
  };
}

export function copyPhotoData(photo: PhotoData): PhotoData {
  return {
    photoId: photo.photoId,
    width: photo.width,
    height: photo.height,
    alt: photo.alt,
    caption: photo.caption,
    credit: { ...photo.credit, photographers: [...photo.credit.photographers] },
    layout: photo.layout,
    fromPhoto: [...photo.fromPhoto],
  };
}

export class StoryPhotoNode<T = unknown> extends DecoratorNode<T> {
  __photo: PhotoData;

  static override getType(): string {
    return 'photo';
  }

  static override clone(node: StoryPhotoNode): StoryPhotoNode {
    return new StoryPhotoNode(node.__photo, node.__key);
  }

  static override importJSON(json: PhotoNodeJSON): StoryPhotoNode {
    return $applyNodeReplacement(new StoryPhotoNode(json));
  }

  constructor(photo?: PhotoData, key?: NodeKey) {
    super(key);
    this.__photo = copyPhotoData(photo ?? emptyPhotoData());
  }

  override exportJSON(): PhotoNodeJSON {
    return { type: 'photo', version: 1, ...copyPhotoData(this.getLatest().__photo) };
  }

  getPhoto(): PhotoData {
    return copyPhotoData(this.getLatest().__photo);
  }

  /** Replaces the photo's data; only inside `editor.update`. */
  setPhoto(photo: PhotoData): this {
    const writable = this.getWritable();
    writable.__photo = copyPhotoData(photo);
    return writable;
  }

  override createDOM(): HTMLElement {
    return document.createElement('div');
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): boolean {
    return false;
  }

  override decorate(): T {
    return null as T;
  }
}

export function $isStoryPhotoNode(node: LexicalNode | null | undefined): node is StoryPhotoNode {
  return node instanceof StoryPhotoNode;
}
