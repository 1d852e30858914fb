import {
  AssetKind,
  PublicationPrivacy,
  PublicationStatus,
  RenderPreset,
  RenderStatus,
  ScriptMode,
  ScriptStatus,
  StageStatus,
  SubtitleStyle,
} from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const ScriptStatusEnum = builder.enumType(ScriptStatus, { name: 'ScriptStatus' });
export const ScriptModeEnum = builder.enumType(ScriptMode, { name: 'ScriptMode' });
export const AssetKindEnum = builder.enumType(AssetKind, { name: 'AssetKind' });
export const RenderStatusEnum = builder.enumType(RenderStatus, { name: 'RenderStatus' });
export const RenderPresetEnum = builder.enumType(RenderPreset, { name: 'RenderPreset' });
export const SubtitleStyleEnum = builder.enumType(SubtitleStyle, { name: 'SubtitleStyle' });
export const StageStatusEnum = builder.enumType(StageStatus, { name: 'StageStatus' });
export const PublicationStatusEnum = builder.enumType(PublicationStatus, { name: 'PublicationStatus' });
export const PublicationPrivacyEnum = builder.enumType(PublicationPrivacy, { name: 'PublicationPrivacy' });
