import { MUNICIPALITIES_BY_COUNTY } from "~/data/municipalities";
import { ORGANISATION_TYPES } from "~/validation/auth";
import type { FieldErrors } from "~/utils/forms";
import { fieldId, SelectField, TextField } from "./forms";

/**
 * "Var arbetar du?", asked the same way in every form: two radio buttons, and
 * under the chosen one its question (GOV.UK's conditional reveal): the kommun
 * list, or the organisation's name (and type, for accounts). The other question
 * is hidden by CSS (`:has(:checked)`), so it follows the choice with and without
 * JavaScript; the server reads only the chosen kind's fields
 * (organisationSchema in validation/organisation.ts). Field names: orgKind, municipalityCode, orgName,
 * orgType.
 */
export function OrganisationFields({
  values,
  errors,
  idPrefix = "",
  withType = false,
  optional = false,
}: {
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors;
  /** Keeps the radio buttons' ids apart from another form's on the same page. */
  idPrefix?: string;
  /** Ask for the type of the other organisation too (accounts do). */
  withType?: boolean;
  /** No answer is an answer (the Kontakt form): no choice is made in advance. */
  optional?: boolean;
}) {
  const kind = values.orgKind ?? (optional ? "" : "kommun");
  return (
    <fieldset
      className={`field${errors?.orgKind ? " field--error" : ""}`}
      id={fieldId("orgKind")}
      aria-describedby={errors?.orgKind ? `${fieldId("orgKind")}-error` : undefined}
    >
      <legend>Var arbetar du?{optional ? " (frivilligt)" : ""}</legend>
      {errors?.orgKind ? (
        <span className="field__error" id={`${fieldId("orgKind")}-error`}>
          <span className="visually-hidden">Fel: </span>
          {errors.orgKind}
        </span>
      ) : null}
      <div className="choice">
        <input type="radio" id={`${idPrefix}orgKind-kommun`} name="orgKind" value="kommun" defaultChecked={kind === "kommun"} />
        <label htmlFor={`${idPrefix}orgKind-kommun`}>I en kommun</label>
      </div>
      <div className="choice__conditional">
        <MunicipalitySelect error={errors?.municipalityCode} defaultValue={values.municipalityCode ?? ""} />
      </div>
      <div className="choice">
        <input type="radio" id={`${idPrefix}orgKind-annan`} name="orgKind" value="annan" defaultChecked={kind === "annan"} />
        <label htmlFor={`${idPrefix}orgKind-annan`}>I en annan organisation</label>
      </div>
      <div className="choice__conditional">
        <TextField
          name="orgName"
          label="Organisationens namn"
          hint="Till exempel en region, en länsstyrelse, en myndighet eller ett företag."
          error={errors?.orgName}
          defaultValue={values.orgName ?? ""}
          autoComplete="organization"
        />
        {withType ? (
          <SelectField name="orgType" label="Typ av organisation" error={errors?.orgType} defaultValue={values.orgType ?? ""}>
            <option value="">Välj typ</option>
            {ORGANISATION_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
    </fieldset>
  );
}

/**
 * The 290 municipalities as a native select grouped by county (from the static
 * module app/data/municipalities.ts, not from loader data); typing the first
 * letters jumps to one, with or without JavaScript.
 */
export function MunicipalitySelect({
  error,
  defaultValue,
  name = "municipalityCode",
  id,
  label = "Kommun",
  hint = "Skriv de första bokstäverna för att hoppa i listan.",
  emptyLabel = "Välj kommun",
}: {
  error?: string;
  defaultValue: string;
  name?: string;
  id?: string;
  label?: string;
  hint?: string;
  emptyLabel?: string;
}) {
  return (
    <SelectField name={name} id={id} label={label} hint={hint} error={error} defaultValue={defaultValue}>
      <option value="">{emptyLabel}</option>
      {MUNICIPALITIES_BY_COUNTY.map(([county, rows]) => (
        <optgroup key={county} label={county}>
          {rows.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
