// A WhatsApp template sent from a thread (messages.send with `template`): the only thing WhatsApp
// lets a business send once the contact's 24-hour window has closed. The template is checked
// before anything is written (it exists in the workspace's account, WhatsApp approved it, the
// variables given are its own); its variables are then filled in for the contact, merge tags
// and all, and the message's text is the template's with them in place: what the contact reads.
import type { EntityManager } from '@mikro-orm/sql';
import { fillTemplate, hasMergeTags, mergeTagErrorMessage, renderMergeTags, templateValueProblem, type CommandParams, type MergeContext, type MessageTemplate } from '@convkit/sdk/protocol';
import type { CommandContext } from '../../commands/context.js';
import { AppError } from '../../errors.js';
import type { Conversation } from '../conversations/conversation.entity.js';
import { workspaceTemplates } from '../templates/templates.js';
import { mergeContextOf } from './merge-context.js';

export interface TemplateChoice {
  template: MessageTemplate;
  values: Record<string, string>;
}

/** What a template message keeps in its meta (the dispatcher sends it by id with these values). */
export interface TemplateMeta {
  id: string;
  name: string;
  language: string;
  variables: Record<string, string>;
}

const invalid = (path: string, message: string) => new AppError('invalid_params', `${path}: ${message}`, { path });

/** The send's template, checked before anything is written; null for a send without one. */
export async function chosenTemplate(ctx: CommandContext, params: CommandParams<'messages.send'>): Promise<TemplateChoice | null> {
  const asked = params.template;
  if (!asked) return null;
  if (params.kind === 'note') throw invalid('template', 'an internal note is not sent, so it takes no template.');
  if (params.channel && params.channel !== 'whatsapp') throw invalid('channel', 'templates are sent on WhatsApp only.');
  if (params.body.trim()) throw invalid('body', "leave it empty with a template: the text is the template's.");
  if (params.attachmentIds?.length) throw invalid('attachmentIds', 'a template carries its own content, no files.');
  const template = (await workspaceTemplates(ctx)).find((t) => t.id === asked.id);
  if (!template) throw new AppError('not_found', "template.id: no WhatsApp template with this id in the workspace's account (templates.list has them).", { path: 'template.id' });
  if (template.status !== 'approved') throw invalid('template.id', `"${template.name}" is ${template.status} at WhatsApp: only approved templates can be sent.`);
  const values = asked.variables ?? {};
  const own = new Set(template.variables.map((v) => v.key));
  for (const key of Object.keys(values)) {
    if (!own.has(key)) throw invalid(`template.variables.${key}`, `"${template.name}" has no variable {{${key}}}.`);
  }
  return { template, values };
}

/** The template's variables filled in for `conversation`'s contact, and the text they make. */
export async function renderTemplate(em: EntityManager, workspaceId: string, conversation: Conversation, choice: TemplateChoice): Promise<{ text: string; meta: TemplateMeta }> {
  const { template, values } = choice;
  let context: MergeContext | null = null;
  const variables: Record<string, string> = {};
  for (const { key } of template.variables) {
    const path = `template.variables.${key}`;
    let value = values[key] ?? '';
    if (hasMergeTags(value)) {
      context ??= await mergeContextOf(em, workspaceId, conversation);
      const rendered = renderMergeTags(value, context);
      if ('error' in rendered) throw new AppError('invalid_params', `${path}: ${mergeTagErrorMessage(rendered.error)}`, { path, tag: rendered.error.tag });
      value = rendered.text;
    }
    value = value.trim();
    const problem = templateValueProblem(value);
    if (problem === 'empty') throw invalid(path, `{{${key}}} of "${template.name}" is empty: fill it in (a merge tag may have rendered to nothing; give it a fallback).`);
    if (problem === 'layout') throw invalid(path, `WhatsApp takes {{${key}}} on one line, without tabs or more than four spaces in a row.`);
    variables[key] = value;
  }
  return { text: fillTemplate(template.body, variables), meta: { id: template.id, name: template.name, language: template.language, variables } };
}

/** The template a stored message goes out as, from its meta; null for any other message. */
export function templateOf(meta: Record<string, unknown>): { id: string; variables: Record<string, string> } | null {
  const template = meta.template as Partial<TemplateMeta> | undefined;
  return template && typeof template.id === 'string' ? { id: template.id, variables: template.variables ?? {} } : null;
}
