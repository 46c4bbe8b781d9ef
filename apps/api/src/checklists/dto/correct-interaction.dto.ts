import { InteractionRecordDto } from './interaction-record.dto.js';

/** The interaction record as it should have been saved: the whole of it (method `self` or `one_key`), replacing the one that stood. */
export class CorrectInteractionDto extends InteractionRecordDto {}
