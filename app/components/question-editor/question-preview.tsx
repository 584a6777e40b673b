import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ShownText } from "~/domain/call-texts.ts";
import type { PreviewLanguage, PreviewQuestion, PreviewWords } from "./editor-data.server.ts";

/** A text of the preview: in its language, or the French original with its own lang and dir and the preview language's note. */
function PreviewText({ value, words }: { value: ShownText; words: PreviewWords }) {
  if (!value.inFrench) return <span dir="auto">{value.text}</span>;
  return (
    <span>
      <span lang={value.lang} dir={value.dir}>
        {value.text}
      </span>{" "}
      <span className="fallback-note">({words.inFrench})</span>
    </span>
  );
}

function PreviewControl({ question, words, name, id }: { question: PreviewQuestion; words: PreviewWords; name: string; id?: string }) {
  switch (question.type) {
    case "LONG_TEXT":
      return <textarea id={id} rows={3} dir="auto" disabled maxLength={question.maxLength} />;
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
    case "YES_NO": {
      const choices =
        question.type === "YES_NO"
          ? [
              { value: "yes", label: <span>{words.yes}</span> },
              { value: "no", label: <span>{words.no}</span> },
            ]
          : question.choices.map((choice) => ({ value: choice.value, label: <PreviewText value={choice.label} words={words} /> }));
      return (
        <div>
          {choices.map((choice) => (
            <label key={choice.value} className="choice">
              <input type={question.type === "MULTIPLE_CHOICE" ? "checkbox" : "radio"} name={name} value={choice.value} disabled />{" "}
              {choice.label}
            </label>
          ))}
        </div>
      );
    }
    case "PDF":
      return <input id={id} type="file" accept="application/pdf" disabled />;
    case "NUMBER":
      return <input id={id} dir="auto" inputMode="decimal" disabled />;
    case "DATE":
      return <input id={id} type="date" disabled />;
    case "URL":
      return <input id={id} type="url" dir="auto" disabled />;
    default:
      return <input id={id} dir="auto" disabled maxLength={question.maxLength} />;
  }
}

function PreviewField({ question, words, locale }: { question: PreviewQuestion; words: PreviewWords; locale: string }) {
  const id = useId();
  const label = (
    <>
      <PreviewText value={question.label} words={words} />
      {question.required ? null : <span className="fallback-note"> ({words.optional})</span>}
    </>
  );
  const notes = (
    <>
      {question.help ? (
        <p className="field-hint">
          <PreviewText value={question.help} words={words} />
        </p>
      ) : null}
      {question.type === "PDF" ? <p className="field-hint">{words.pdf}</p> : null}
      {question.conditional ? <p className="field-hint">{words.conditional}</p> : null}
    </>
  );
  const grouped = question.type === "SINGLE_CHOICE" || question.type === "MULTIPLE_CHOICE" || question.type === "YES_NO";
  // Each language's copy of a question gets its own names: radio groups must not join across previews.
  const name = `preview-${locale}-${question.key}`;
  return grouped ? (
    <fieldset className="field radio-group" disabled>
      <legend>{label}</legend>
      {notes}
      <PreviewControl question={question} words={words} name={name} />
    </fieldset>
  ) : (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {notes}
      <PreviewControl question={question} words={words} name={name} id={id} />
    </div>
  );
}

/** The founders' form in each of the three languages, read only: labels, help and controls, as the wizard asks them. */
export function QuestionPreview({ languages }: { languages: PreviewLanguage[] }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {languages.map((language) => (
        <section
          key={language.locale}
          className="card stack"
          lang={language.locale}
          dir={language.dir}
          aria-label={t(`language.${language.locale}`)}
        >
          <h3>{t(`language.${language.locale}`)}</h3>
          {language.steps.map((group) => (
            <div key={group.step} className="stack">
              <h4>{group.step === "eligibility" || group.step === "questions" ? language.words.steps[group.step] : group.step}</h4>
              {group.questions.length === 0 ? <p className="muted">{language.words.empty}</p> : null}
              {group.questions.map((question) => (
                <PreviewField key={question.id} question={question} words={language.words} locale={language.locale} />
              ))}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
