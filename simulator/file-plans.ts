/**
 * For each daily file of the catalog: which family of parents its rows belong to, how many rows a modified
 * parent has, and the columns that follow from the parent (the parent id, keys made unique per parent). The
 * other columns are made by `cells`. User_Affiliations.csv has its own module (affiliations).
 */
import type { FamilyName } from './population';

export interface DeriveContext {
  /** The parent's number (the id without its padding). */
  readonly parentNumber: number;
  /** YYYY-MM-DD of the drop, and of the day the parent first appeared. */
  readonly day: string;
  readonly createdDay: string;
  /** The n-th existing employee (wrapping): distinct for distinct n below the number of employees. */
  employeeAt(n: number): string;
}

export type Derive = (parent: string, index: number, c: DeriveContext) => string;

export interface FilePlan {
  readonly family: FamilyName;
  /** Whose rows the file holds on a day: the parents modified that day, or those deleted that day. */
  readonly parents: 'modified' | 'deleted';
  /** Rows per parent, [min, max]. */
  readonly rows: readonly [number, number];
  readonly derived: Readonly<Record<string, Derive>>;
}

const two = (n: number): string => String(n).padStart(2, '0');
const parent: Derive = (p) => p;
/** A sub-id unique per row of the parent: `000123` → `00012300`, `00012301`, ... */
const sub: Derive = (p, j) => `${p}${two(j)}`;
/** One of the parent's first two sub-ids (steps referred to by sharing and scripting notes). */
const subOfTwo: Derive = (p, j) => `${p}${two(j % 2)}`;
const distinctIndicator: Derive = (_p, j, c) =>
  `IND-${String(1 + ((c.parentNumber * 7 + j) % 400)).padStart(3, '0')}`;
const distinctEmployee: Derive = (_p, j, c) => c.employeeAt(c.parentNumber * 3 + j);

const plan = (
  family: FamilyName,
  rows: readonly [number, number],
  derived: Readonly<Record<string, Derive>>,
  parents: FilePlan['parents'] = 'modified',
): FilePlan => ({ family, parents, rows, derived });

const obs = { observation_group_id: parent };
const goal = { goal_id: parent };
const user = { employee_id: parent };

export const PLANS: Readonly<Record<string, FilePlan>> = {
  'Observation_Modified.csv': plan('observation', [1, 1], obs),
  'Observations.csv': plan('observation', [1, 1], obs),
  'Observation_Steps.csv': plan('observation', [0, 3], { ...obs, step_id: sub }),
  'Observation_Step_Sharing.csv': plan('observation', [0, 3], {
    step_id: subOfTwo,
    employee_id: distinctEmployee,
  }),
  'Observation_Step_Scripting_Notes.csv': plan('observation', [0, 3], {
    scripting_note_id: sub,
    step_id: subOfTwo,
  }),
  'Observation_History.csv': plan('observation', [1, 2], {
    ...obs,
    // the first row repeats every day the parent is modified: append-only keeps it once
    history_action: (_p, j) => (j === 0 ? 'created' : 'updated'),
    history_date: (_p, j, c) => (j === 0 ? `${c.createdDay} 08:00:00` : `${c.day} 1${j}:30:00`),
  }),
  'Aggregated_Observation_Ratings.csv': plan('observation', [0, 4], obs),
  'Aggregated_Snapshot_Ratings.csv': plan('observation', [0, 3], obs),
  'Observation_Answers.csv': plan('observation', [0, 7], obs),
  'Observation_Comments.csv': plan('observation', [0, 3], obs),
  'Observation_Feedback.csv': plan('observation', [0, 2], obs),
  'Observation_Forms.csv': plan('observation', [0, 2], obs),
  'Observation_Participants.csv': plan('observation', [0, 3], obs),
  'Observation_Snapshots.csv': plan('observation', [0, 2], obs),
  'Ratings.csv': plan('observation', [0, 7], obs),
  'Goals_Modified.csv': plan('goal', [1, 1], goal),
  'Goals_Deleted.csv': plan('goal', [1, 1], goal, 'deleted'),
  'Goals.csv': plan('goal', [1, 1], goal),
  'Goal_Posts.csv': plan('goal', [0, 4], { ...goal, post_id: sub }),
  'Goals_Questions.csv': plan('goal', [0, 3], goal),
  'Goals_Indicators.csv': plan('goal', [0, 3], { ...goal, indicator_id: distinctIndicator }),
  'User_Modified.csv': plan('user', [1, 1], user),
  'User_Accounts.csv': plan('user', [0, 2], user),
  'User_Grades.csv': plan('user', [0, 3], user),
  'User_Groups.csv': plan('user', [0, 3], user),
  'User_Roles.csv': plan('user', [0, 2], user),
  'User_Subjects.csv': plan('user', [0, 3], user),
  'User_Artifacts.csv': plan('user', [0, 2], { ...user, artifact_id: sub }),
  'User_Rubrics_Modified.csv': plan('userRubric', [1, 1], user),
  'User_Rubrics.csv': plan('userRubric', [0, 3], user),
  'Rubrics.csv': plan('rubric', [1, 1], { rubric_id: parent }),
  'Indicators.csv': plan('rubric', [0, 6], { rubric_id: parent, indicator_id: distinctIndicator }),
  'Indicator_Proficiency_Levels.csv': plan('rubric', [0, 4], { rubric_id: parent }),
  'Slos.csv': plan('slo', [1, 1], { slo_id: parent }),
  'Slo_Assessments.csv': plan('slo', [0, 3], { slo_id: parent, slo_assessment_id: sub }),
  'Slo_Assessment_Answers.csv': plan('slo', [0, 4], { slo_id: parent, slo_assessment_id: subOfTwo }),
  'Aggregated_Slo_Assessments.csv': plan('slo', [0, 2], { slo_id: parent, slo_assessment_id: sub }),
  'Trendings.csv': plan('trending', [1, 1], { trending_id: parent }),
  'Trending_Ratings.csv': plan('trending', [0, 5], { trending_id: parent }),
  'Snapshots.csv': plan('snapshot', [1, 1], { snapshot_id: parent }),
  'Aggregated_Eoy_Snapshots.csv': plan('snapshot', [0, 1], { snapshot_id: parent }),
  'Snapshots_Ratings.csv': plan('snapshot', [0, 4], { snapshot_id: parent, indicator_id: distinctIndicator }),
};
