/**
 * A photo in the story body: the stored image (by its content address), its caption, alt text
 * and credit as data. The node keeps every field exactly as the store validated it, so opening
 * and saving a story never loses or rewrites a photo's credit. Shown as a figure whose caption,
 * credit and alt text are edited in place (PhotoFigure.tsx); the image comes from main's
 * newsroom-media:// scheme, never file://.
 */
import { Suspense, lazy, type ComponentType, type JSX } from 'react';
import { $applyNodeReplacement, DecoratorNode, type LexicalNode, type NodeKey } from 'lexical';
import type { PhotoNodeJSON } from '../../../common/document.js';
import { emptyPhotoData } from '../../../common/storyDoc/photoNode.js';

type FigureProps = { nodeKey: NodeKey; photo: PhotoData };

// Loaded lazily, as Lexical's own ImageNode loads its component: the figure imports this node
// back ($isPhotoNode), and a static import both ways would be a cycle. The request starts as soon
// as this module has run, not when the first photo renders: opening a story with photos then
// does not wait a round trip for the figure's code after the editor is up (bench: open a story
// with 30 photos).
let loadedFigure: ComponentType<FigureProps> | null = null;
const figureModule = import('./PhotoFigure.js').then((module) => {
  loadedFigure = module.PhotoFigure;
  return module;
});
const LazyPhotoFigure = lazy(() => figureModule.then((module) => ({ default: module.PhotoFigure })));

export type SerializedPhotoNode = PhotoNodeJSON;
export type PhotoData = Omit<PhotoNodeJSON, 'type' | 'version'>;

function copyOf(photo: PhotoData): PhotoData {
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

export class PhotoNode extends DecoratorNode<JSX.Element> {
  __photo: PhotoData;

  static override getType(): string {
    return 'photo';
  }

  static override clone(node: PhotoNode): PhotoNode {
    return new PhotoNode(node.__photo, node.__key);
  }

  static override importJSON(json: SerializedPhotoNode): PhotoNode {
    return $createPhotoNode(json);
  }

  // No arguments is how @lexical/yjs builds a node before copying its synced `__` fields in
  // (facebook/lexical#4912): the data must be an own field with a default, as in common/storyDoc.
  constructor(photo?: PhotoData, key?: NodeKey) {
    super(key);
    this.__photo = copyOf(photo ?? emptyPhotoData());
  }

  override exportJSON(): SerializedPhotoNode {
    return { type: 'photo', version: 1, ...copyOf(this.getLatest().__photo) };
  }

  getPhoto(): PhotoData {
    return copyOf(this.getLatest().__photo);
  }

  /** Replaces the photo's data; only inside `editor.update`. */
  setPhoto(photo: PhotoData): this {
    const writable = this.getWritable();
    writable.__photo = copyOf(photo);
    return writable;
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('div');
    element.className = 'copy-photo-slot';
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): boolean {
    return false;
  }

  override decorate(): JSX.Element {
    // Once the code is here the figure renders straight away. Through lazy() even loaded code
    // suspends on the first render, and React then holds back revealing a Suspense boundary for
    // up to 300 ms (FALLBACK_THROTTLE_MS) so that reveals batch: a story with photos sat
    // finished but invisible for that long (issue 15: open a story with 30 photos).
    const Figure = loadedFigure;
    if (Figure !== null) return <Figure nodeKey={this.getKey()} photo={this.__photo} />;
    return (
      <Suspense fallback={null}>
        <LazyPhotoFigure nodeKey={this.getKey()} photo={this.__photo} />
      </Suspense>
    );
  }
}

export function $createPhotoNode(json: PhotoData): PhotoNode {
  return $applyNodeReplacement(new PhotoNode(json));
}

export function $isPhotoNode(node: LexicalNode | null | undefined): node is PhotoNode {
  return node instanceof PhotoNode;
}
