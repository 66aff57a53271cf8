import type { FieldErrors } from "~/utils/forms";
import { SelectField } from "./forms";
import type { MunicipalityOption } from "./organisation-fields";

/** One of the 290 municipalities, grouped by county (typing the first letters jumps in the list). */
export function MunicipalitySelect({
  municipalities,
  name = "municipalityCode",
  label = "Kommun",
  hint,
  defaultValue,
  errors,
  emptyLabel = "Vill inte ange / ingen kommun",
}: {
  municipalities: MunicipalityOption[];
  name?: string;
  label?: string;
  hint?: string;
  defaultValue?: string | null;
  errors?: FieldErrors;
  emptyLabel?: string;
}) {
  const byCounty = new Map<string, MunicipalityOption[]>();
  for (const m of municipalities) byCounty.set(m.countyName, [...(byCounty.get(m.countyName) ?? []), m]);
  const counties = [...byCounty.keys()].sort((a, b) => a.localeCompare(b, "sv"));
  return (
    <SelectField name={name} label={label} hint={hint} error={errors?.[name]} defaultValue={defaultValue ?? ""}>
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
