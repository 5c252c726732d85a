import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicFormHelmet } from '../http/security-headers';
import type { FieldProblem } from '../shared/errors';
import { MAX_OPEN_ANSWER, optionLabel, questionText, SCALE_MAX, SCALE_MIN, type Question } from './questionnaire-model';
import type { QuestionnaireRow } from './questionnaire-repository';
import type { QuestionnaireService } from './questionnaire-service';

/*
 * The small web form a personal one-time link opens, outside Teams: no sign-in, no script, no
 * cookie, Dutch first with an English switch. It shows only the questionnaire of its link and
 * stores only the answers. Every outcome is a page of its own with a fitting status, so a
 * stale or forwarded link never meets an error screen.
 */
type Lang = 'nl' | 'en';

const texts = {
  nl: {
    htmlLang: 'nl-BE',
    switchTo: 'English',
    switchLang: 'en',
    switchLabel: 'Read this page in English',
    send: 'Antwoorden versturen',
    scaleLow: 'helemaal niet',
    scaleHigh: 'helemaal wel',
    optional: 'Je mag een vraag overslaan.',
    privacy: 'Je naam wordt niet bij je antwoorden bewaard. Deze link werkt één keer en alleen voor deze vragenlijst.',
    errorsTitle: 'Kijk je antwoorden nog even na',
    maxChars: `maximaal ${MAX_OPEN_ANSWER} tekens`,
    thanksTitle: 'Bedankt!',
    thanksBody: 'Je antwoorden zijn goed ontvangen. Je kunt dit venster nu sluiten.',
    unknownTitle: 'Deze link kennen we niet',
    unknownBody: 'Controleer of je de volledige link gebruikt. Lukt het niet, vraag dan een nieuwe link aan je vertrouwenspersoon of aan de lokale coördinator.',
    expiredTitle: 'Deze link is verlopen',
    expiredBody: 'Een link werkt maar een beperkte tijd. Vraag gerust een nieuwe aan je vertrouwenspersoon of aan de lokale coördinator.',
    usedTitle: 'Met deze link is al geantwoord',
    usedBody: 'Elke link werkt één keer. Er is niets opnieuw opgeslagen. Wil je toch iets toevoegen, neem dan contact op met je vertrouwenspersoon.',
    closedTitle: 'Deze vragenlijst is afgesloten',
    closedBody: 'Er worden geen antwoorden meer verzameld. Bedankt voor je interesse.',
    otherTitle: 'Deze link hoort bij een andere vragenlijst',
    otherBody: 'Er is niets opgeslagen. Open de link opnieuw vanuit je bericht, dan krijg je de juiste vragen.',
    problem: {
      scale: `Kies een getal van ${SCALE_MIN} tot ${SCALE_MAX}.`,
      choice: 'Kies een van de mogelijkheden.',
      open: `Je antwoord is te lang (maximaal ${MAX_OPEN_ANSWER} tekens).`,
      unknown: 'Deze vraag hoort niet bij de vragenlijst.',
      none: 'Beantwoord minstens één vraag.',
    },
  },
  en: {
    htmlLang: 'en',
    switchTo: 'Nederlands',
    switchLang: 'nl',
    switchLabel: 'Lees deze pagina in het Nederlands',
    send: 'Send answers',
    scaleLow: 'not at all',
    scaleHigh: 'completely',
    optional: 'You may skip a question.',
    privacy: 'Your name is not kept with your answers. This link works once, and only for this questionnaire.',
    errorsTitle: 'Please check your answers',
    maxChars: `at most ${MAX_OPEN_ANSWER} characters`,
    thanksTitle: 'Thank you!',
    thanksBody: 'We received your answers. You can close this window now.',
    unknownTitle: 'We do not know this link',
    unknownBody: 'Check that you used the whole link. If it still does not work, ask your trusted person or the local coordinator for a new one.',
    expiredTitle: 'This link has expired',
    expiredBody: 'A link works for a limited time only. Feel free to ask your trusted person or the local coordinator for a new one.',
    usedTitle: 'This link has been used already',
    usedBody: 'Each link works once. Nothing was saved again. If you want to add something, contact your trusted person.',
    closedTitle: 'This questionnaire is closed',
    closedBody: 'Answers are no longer collected. Thank you for your interest.',
    otherTitle: 'This link belongs to another questionnaire',
    otherBody: 'Nothing was saved. Open the link again from your message to get the right questions.',
    problem: {
      scale: `Choose a number from ${SCALE_MIN} to ${SCALE_MAX}.`,
      choice: 'Choose one of the options.',
      open: `Your answer is too long (at most ${MAX_OPEN_ANSWER} characters).`,
      unknown: 'This question is not part of the questionnaire.',
      none: 'Answer at least one question.',
    },
  },
} as const;

const statusPages = {
  unknown: { status: 404, title: 'unknownTitle', body: 'unknownBody' },
  expired: { status: 410, title: 'expiredTitle', body: 'expiredBody' },
  used: { status: 410, title: 'usedTitle', body: 'usedBody' },
  closed: { status: 410, title: 'closedTitle', body: 'closedBody' },
  other: { status: 409, title: 'otherTitle', body: 'otherBody' },
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/* Colours meet 4.5:1 on their background in both schemes; targets are at least 44 px. */
const style = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#ffffff;--muted:#4a4a4a;--line:#767676;--accent:#0f5ca8;--accent-fg:#ffffff;--error:#b00020;--panel:#f3f6fa}
@media (prefers-color-scheme:dark){:root{--fg:#f2f2f2;--bg:#161616;--muted:#c8c8c8;--line:#9a9a9a;--accent:#8cc2ff;--accent-fg:#0b0b0b;--error:#ff8a8a;--panel:#242a31}}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:1.0625rem;line-height:1.5;color:var(--fg);background:var(--bg)}
header,main{max-width:40rem;margin:0 auto;padding:0 1rem}
header{display:flex;justify-content:flex-end;padding-top:.75rem}
a{color:var(--accent)}
a.lang{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;border:1px solid var(--line);border-radius:6px;text-decoration:none}
h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .5rem}
fieldset{border:1px solid var(--line);border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem 1rem}
legend,label.question{font-weight:600;padding:0 .25rem}
.options{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
.options label{display:flex;align-items:center;gap:.5rem;min-height:44px;min-width:44px;padding:.25rem .75rem;border:1px solid var(--line);border-radius:6px;cursor:pointer}
.scale .options{display:grid;grid-template-columns:repeat(5,minmax(44px,1fr))}
.scale .options label{justify-content:center;padding:.25rem .4rem;min-width:0}
.scale .ends{display:flex;justify-content:space-between;color:var(--muted);font-size:.9375rem;margin-top:.25rem}
input[type=radio]{width:1.25rem;height:1.25rem;margin:0;accent-color:var(--accent)}
textarea{display:block;width:100%;min-height:7rem;margin-top:.5rem;padding:.5rem;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--line);border-radius:6px}
.open{margin:0 0 1rem;border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem 1rem}
.hint{color:var(--muted);font-size:.9375rem;margin:.25rem 0 0}
.error{color:var(--error);font-weight:600;margin:.25rem 0 0}
.summary{border:2px solid var(--error);border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
.summary h2{font-size:1.15rem;margin:.25rem 0}
button{min-height:48px;padding:0 1.25rem;font:inherit;font-weight:600;color:var(--accent-fg);background:var(--accent);border:0;border-radius:6px;cursor:pointer}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.privacy{background:var(--panel);border-radius:8px;padding:.75rem 1rem;margin:1.5rem 0 2rem}
`;

function page(lang: Lang, title: string, body: string, switchHref: string | null): string {
  const t = texts[lang];
  const switcher = switchHref
    ? `<header><a class="lang" href="${escapeHtml(switchHref)}" lang="${t.switchLang}" hreflang="${t.switchLang}" aria-label="${escapeHtml(t.switchLabel)}">${t.switchTo}</a></header>`
    : '';
  return `<!doctype html><html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${switcher}<main>${body}</main></body></html>`;
}

function problemText(lang: Lang, question: Question | undefined, problem: FieldProblem): string {
  const p = texts[lang].problem;
  if (!question) return problem.path === 'answers' ? p.none : p.unknown;
  return p[question.type];
}

function questionHtml(lang: Lang, q: Question, index: number, value: string, error: string | undefined): string {
  const t = texts[lang];
  const text = `${index + 1}. ${escapeHtml(questionText(q, lang))}`;
  const errorId = `${q.id}-error`;
  const errorHtml = error ? `<p class="error" id="${errorId}">${escapeHtml(error)}</p>` : '';
  const described = error ? ` aria-describedby="${errorId}"` : '';
  if (q.type === 'open') {
    const hintId = `${q.id}-hint`;
    return `<div class="open"><label class="question" for="${q.id}">${text}</label><p class="hint" id="${hintId}">${t.maxChars}</p>${errorHtml}<textarea id="${q.id}" name="${q.id}" maxlength="${MAX_OPEN_ANSWER}" aria-describedby="${hintId}${error ? ` ${errorId}` : ''}"${error ? ' aria-invalid="true"' : ''}>${escapeHtml(value)}</textarea></div>`;
  }
  const choices =
    q.type === 'scale'
      ? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => {
          const n = String(SCALE_MIN + i);
          const end = n === String(SCALE_MIN) ? ` (${t.scaleLow})` : n === String(SCALE_MAX) ? ` (${t.scaleHigh})` : '';
          return { value: n, label: n, aria: `${n}${end}` };
        })
      : q.options.map((o) => ({ value: o.id, label: escapeHtml(optionLabel(o, lang)), aria: '' }));
  const inputs = choices
    .map((c, i) => {
      const id = `${q.id}-${i + 1}`;
      const checked = value === c.value ? ' checked' : '';
      const aria = c.aria && c.aria !== c.label ? ` aria-label="${escapeHtml(c.aria)}"` : '';
      return `<label for="${id}"><input type="radio" id="${id}" name="${q.id}" value="${escapeHtml(c.value)}"${checked}${aria}>${c.label}</label>`;
    })
    .join('');
  const ends = q.type === 'scale' ? `<div class="ends" aria-hidden="true"><span>${SCALE_MIN} = ${t.scaleLow}</span><span>${SCALE_MAX} = ${t.scaleHigh}</span></div>` : '';
  return `<fieldset class="${q.type}"${described}><legend>${text}</legend>${errorHtml}<div class="options">${inputs}</div>${ends}</fieldset>`;
}

export function formPage(lang: Lang, token: string, questionnaire: QuestionnaireRow, values: Record<string, string> = {}, problems: FieldProblem[] = []): string {
  const t = texts[lang];
  const title = lang === 'en' && questionnaire.titleEn ? questionnaire.titleEn : questionnaire.titleNl;
  const intro = lang === 'en' && questionnaire.introEn ? questionnaire.introEn : questionnaire.introNl;
  const byQuestion = new Map<string, string>();
  const general: string[] = [];
  for (const problem of problems) {
    const id = problem.path.split('.')[1];
    const question = questionnaire.questions.find((q) => q.id === id);
    if (question) byQuestion.set(question.id, problemText(lang, question, problem));
    else general.push(problemText(lang, undefined, problem));
  }
  const summary =
    problems.length > 0
      ? `<div class="summary" role="alert" aria-labelledby="errors-title"><h2 id="errors-title">${t.errorsTitle}</h2><ul>${[
          ...general.map((g) => `<li>${escapeHtml(g)}</li>`),
          ...[...byQuestion].map(([id, message]) => `<li><a href="#${questionnaire.questions.find((q) => q.id === id)?.type === 'open' ? id : `${id}-1`}">${escapeHtml(message)}</a></li>`),
        ].join('')}</ul></div>`
      : '';
  const questions = questionnaire.questions.map((q, i) => questionHtml(lang, q, i, values[q.id] ?? '', byQuestion.get(q.id))).join('');
  const action = `/q/${encodeURIComponent(token)}`;
  const body = `<h1>${escapeHtml(title)}</h1>${intro ? `<p>${escapeHtml(intro)}</p>` : ''}<p class="hint">${t.optional}</p>${summary}
<form method="post" action="${action}"><input type="hidden" name="questionnaireId" value="${escapeHtml(questionnaire.id)}"><input type="hidden" name="lang" value="${lang}">${questions}<button type="submit">${t.send}</button></form>
<p class="privacy">${t.privacy}</p>`;
  return page(lang, title, body, `${action}?lang=${t.switchLang}`);
}

export function messagePage(lang: Lang, state: keyof typeof statusPages | 'saved', switchHref: string | null): { status: number; html: string } {
  const t = texts[lang];
  if (state === 'saved') return { status: 200, html: page(lang, t.thanksTitle, `<h1>${t.thanksTitle}</h1><p>${t.thanksBody}</p>`, null) };
  const spec = statusPages[state];
  return { status: spec.status, html: page(lang, t[spec.title], `<h1>${t[spec.title]}</h1><p>${t[spec.body]}</p>`, switchHref) };
}

function langOf(value: unknown): Lang {
  return value === 'en' ? 'en' : 'nl';
}

const MAX_FORM_BYTES = 64 * 1024;

function send(reply: FastifyReply, status: number, html: string) {
  // Nothing of a personal link may stay in a cache or travel on as a referrer.
  return reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(html);
}

export function registerQuestionnaireForm(app: FastifyInstance, service: QuestionnaireService): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(String(body))) if (!(key in fields)) fields[key] = value;
      done(null, fields);
    });

    scope.get<{ Params: { token: string }; Querystring: { lang?: string } }>('/q/:token', { helmet: publicFormHelmet }, async (request, reply) => {
      const lang = langOf(request.query?.lang);
      const token = request.params.token;
      const state = await service.linkState(token);
      if (state.state !== 'open') {
        const { status, html } = messagePage(lang, state.state, `/q/${encodeURIComponent(token)}?lang=${texts[lang].switchLang}`);
        return send(reply, status, html);
      }
      return send(reply, 200, formPage(lang, token, state.questionnaire));
    });

    scope.post<{ Params: { token: string }; Querystring: { lang?: string } }>('/q/:token', { helmet: publicFormHelmet }, async (request, reply) => {
      const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
      const lang = langOf(fields.lang ?? request.query?.lang);
      const token = request.params.token;
      const questionnaireId = typeof fields.questionnaireId === 'string' ? fields.questionnaireId : '';
      const answers = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'questionnaireId' && key !== 'lang'));
      const outcome = await service.answerByLink(token, questionnaireId, answers);
      if (outcome.state === 'invalid' && outcome.questionnaire) {
        const values = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, String(v)]));
        return send(reply, 400, formPage(lang, token, outcome.questionnaire, values, outcome.problems));
      }
      const state = outcome.state === 'invalid' || outcome.state === 'open' ? 'unknown' : outcome.state;
      const { status, html } = messagePage(lang, state, state === 'saved' ? null : `/q/${encodeURIComponent(token)}?lang=${texts[lang].switchLang}`);
      return send(reply, status, html);
    });
  });
}
