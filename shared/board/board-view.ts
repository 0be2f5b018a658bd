import type { MessageKey, MessageParams } from '../i18n/messages';
import type { BoardCategory, DefaultCategory } from '../spec/board-spec';

const BONE_NAME: Readonly<Record<DefaultCategory, MessageKey>> = {
  people: 'board.bone.people',
  machine: 'board.bone.machine',
  material: 'board.bone.material',
  method: 'board.bone.method',
  environment: 'board.bone.environment',
  measurement: 'board.bone.measurement',
};

/** A bone's name: the user's own, else the default bone's in the reader's language. */
export function categoryName(category: BoardCategory, t: (key: MessageKey, params?: MessageParams) => string): string {
  if (category.label !== undefined && category.label !== '') return category.label;
  return category.key === undefined ? category.id : t(BONE_NAME[category.key]);
}
