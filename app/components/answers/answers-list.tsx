import { useTranslation } from "react-i18next";
import { ShownTextView } from "~/components/shown-text.tsx";
import type { AnswerDisplay, AnswerShown, AnswersShown } from "~/domain/answers-view.ts";

/** One answer as the server wrote it (app/domain/answers-view.ts): text in its own direction, choices by their labels, a link, a file. */
export function ShownAnswer({ answer }: { answer: AnswerDisplay | null }) {
  const { t } = useTranslation();
  if (!answer) return <span className="muted">{t("answersView.notAnswered")}</span>;
  switch (answer.kind) {
    case "text":
      // Mostly what the founder typed: it takes the direction of its own text.
      return <span dir="auto">{answer.text}</span>;
    case "choices":
      return answer.choices.length === 1 ? (
        <ShownTextView value={answer.choices[0]} />
      ) : (
        <ul className="plain-list">
          {answer.choices.map((choice, index) => (
            <li key={index}>
              <ShownTextView value={choice} />
            </li>
          ))}
        </ul>
      );
    case "link":
      return (
        <a href={answer.href} rel="noopener noreferrer nofollow" dir="ltr">
          {answer.href}
        </a>
      );
    case "file":
      return <a href={`/files/${answer.attachmentId}`}>{answer.fileName ?? t("answersView.file")}</a>;
  }
}

/** Questions and their answers as a description list. */
export function AnswerList({ answers }: { answers: readonly AnswerShown[] }) {
  return (
    <dl className="summary">
      {answers.map((item) => (
        <div key={item.key}>
          <dt>
            <ShownTextView value={item.label} />
          </dt>
          <dd>
            <ShownAnswer answer={item.answer} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * An application's answers to its call's questions, in a card: the eligibility answers (given on the
 * call page before the draft existed) as a group of their own, then the wizard's. Nothing when the
 * call asks no question; in blind review, how many identifying answers were left out.
 */
export function AnswersSection({ answers, id = "answers-title" }: { answers: AnswersShown; id?: string }) {
  const { t } = useTranslation();
  if (answers.answers.length === 0 && answers.hidden === 0) return null;
  const eligibility = answers.answers.filter((answer) => answer.eligibility);
  const others = answers.answers.filter((answer) => !answer.eligibility);
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{t("answersView.title")}</h2>
      {eligibility.length > 0 ? (
        <div role="group" aria-labelledby={`${id}-eligibility`}>
          <h3 id={`${id}-eligibility`}>{t("answersView.eligibilityTitle")}</h3>
          <AnswerList answers={eligibility} />
        </div>
      ) : null}
      {others.length > 0 ? (
        <div role="group" aria-labelledby={`${id}-questions`}>
          <h3 id={`${id}-questions`}>{t("answersView.questionsTitle")}</h3>
          <AnswerList answers={others} />
        </div>
      ) : null}
      {answers.hidden > 0 ? <p className="muted">{t("answersView.hiddenInBlind", { count: answers.hidden })}</p> : null}
    </section>
  );
}
