import { json } from "@remix-run/node";
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/empty-state";
import { PageHeader } from "~/components/page-header";
import { listCategories } from "~/models/discussion.server";
import { threadCountLabel } from "~/utils/labels";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = () =>
  pageMeta("Diskussioner", "Ställ frågor och dela erfarenheter med andra kommuner om BI, IoT och AI.");

export async function loader() {
  return json({ categories: await listCategories() });
}

export default function Discussions() {
  const { categories } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Diskussioner"
        lead="Här ska medlemmar kunna ställa frågor till varandra och dela med sig av vad som har fungerat."
      />
      <div className="notice">
        <p>
          Att starta och svara i diskussioner kräver ett medlemskonto, och konton kommer i nästa version. Har du en fråga redan
          nu? <Link to="/kontakt">Skriv till forumansvarig</Link>.
        </p>
      </div>
      {categories.length ? (
        <section aria-labelledby="kategorier">
          <h2 id="kategorier">Kategorier</h2>
          <ul className="category-list">
            {categories.map((category) => (
              <li key={category.id}>
                <span className="category-list__name">{category.name}</span>
                {category.description ? <p>{category.description}</p> : null}
                <span className="category-list__count">{threadCountLabel(category.threadCount)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <EmptyState title="Inga diskussionskategorier är skapade än.">
          <p>
            Kategorierna läggs upp när diskussionerna öppnar. Under tiden kan du läsa <Link to="/case">case från andra kommuner</Link>.
          </p>
        </EmptyState>
      )}
    </>
  );
}
