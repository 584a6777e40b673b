import { useTranslation } from "react-i18next";
import type { StepState, TimelineStep } from "~/domain/timeline.ts";

/** The timeline as the browser gets it: each date already written on the server (timelineView in ~/i18n/dates.server.ts). */
export type TimelineView = { visibleStatus: string; steps: Array<{ step: TimelineStep; state: StepState; date: string | null }> };

/** The application's progress as an ordered list; the current step is marked for assistive technology. */
export function ApplicationTimeline({ timeline }: { timeline: TimelineView }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <ol className="timeline">
        {timeline.steps.map(({ step, state, date }) => (
          <li key={step} className={`timeline-step timeline-${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="timeline-label">{t(`timeline.steps.${step}`)}</span>
            <span className="timeline-state">{t(`timeline.states.${state}`)}</span>
            {date ? <span className="timeline-date">{date}</span> : null}
          </li>
        ))}
      </ol>
      <p className="card">
        <strong>{t(`statuses.${timeline.visibleStatus}`)}</strong> — {t(`timeline.next.${timeline.visibleStatus}`)}
      </p>
    </div>
  );
}
