import { ORGANISATION_TYPES } from "~/validation/auth";
import type { FieldErrors } from "~/utils/forms";
import { fieldId, SelectField, TextField } from "./forms";

export type MunicipalityOption = { code: string; name: string; countyName: string };

/**
 * "Where do you work?": a municipality from the 290 (a native select grouped by
 * county; typing the first letters jumps to it, with or without JavaScript), or
 * another organisation with a name and type.
 */
export function OrganisationFields({
  municipalities,
  values,
  errors,
  idPrefix = "",
  otherLabel = "I en annan organisation (region, länsstyrelse, myndighet, företag …)",
  orgNameLabel = "Organisationens namn",
  orgNameHint = "Gäller om du arbetar i en annan organisation.",
  withType = true,
}: {
  municipalities: MunicipalityOption[];
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors;
  /** Keeps the radio buttons' ids apart from another form's on the same page. */
  idPrefix?: string;
  otherLabel?: string;
  orgNameLabel?: string;
  orgNameHint?: string;
  /** Ask for the type of the other organisation too (accounts do, registrations do not). */
  withType?: boolean;
}) {
  const kind = values.orgKind ?? "kommun";
  return (
    <fieldset className={`field${errors?.orgKind ? " field--error" : ""}`} id={fieldId("orgKind")}>
      <legend>Var arbetar du?</legend>
      {errors?.orgKind ? <span className="field__error">{errors.orgKind}</span> : null}
      <div className="choice">
        <input type="radio" id={`${idPrefix}orgKind-kommun`} name="orgKind" value="kommun" defaultChecked={kind === "kommun"} />
        <label htmlFor={`${idPrefix}orgKind-kommun`}>I en kommun</label>
      </div>
      <div className="choice">
        <input type="radio" id={`${idPrefix}orgKind-annan`} name="orgKind" value="annan" defaultChecked={kind === "annan"} />
        <label htmlFor={`${idPrefix}orgKind-annan`}>{otherLabel}</label>
      </div>
      <MunicipalitySelect municipalities={municipalities} error={errors?.municipalityCode} defaultValue={values.municipalityCode ?? ""} />
      <TextField name="orgName" label={orgNameLabel} hint={orgNameHint} error={errors?.orgName} defaultValue={values.orgName ?? ""} autoComplete="organization" />
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
    </fieldset>
  );
}

/**
 * The 290 municipalities as a native select grouped by county; typing the first
 * letters jumps to one, with or without JavaScript.
 */
export function MunicipalitySelect({
  municipalities,
  error,
  defaultValue,
  label = "Kommun",
  hint = "Gäller om du arbetar i en kommun. Skriv de första bokstäverna för att hoppa i listan.",
  emptyLabel = "Välj kommun",
}: {
  municipalities: MunicipalityOption[];
  error?: string;
  defaultValue: string;
  label?: string;
  hint?: string;
  emptyLabel?: string;
}) {
  const byCounty = new Map<string, MunicipalityOption[]>();
  for (const m of municipalities) byCounty.set(m.countyName, [...(byCounty.get(m.countyName) ?? []), m]);
  const counties = [...byCounty.keys()].sort((a, b) => a.localeCompare(b, "sv"));
  return (
    <SelectField name="municipalityCode" label={label} hint={hint} error={error} defaultValue={defaultValue}>
      <option value="">{emptyLabel}</option>
      {counties.map((county) => (
        <optgroup key={county} label={county}>
          {byCounty.get(county)!.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
