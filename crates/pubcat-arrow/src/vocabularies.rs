//! The catalogue's agents, concepts and projects as small tables, to join with the
//! publication table's uid lists (`author_uids`, `place_uids`, ..., `projects`).

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pubcat::model::ConceptNode;
use pubcat::Catalog;

use crate::publications::{arrow_error, list_type};

fn text(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

/// The schema of the agent table: `uid`, `kind` (`person`, `organization`), `name`.
pub fn agents_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        text("uid", false),
        text("kind", false),
        text("name", false),
    ]))
}

/// The schema of the concept table: `uid`, `scheme` (`place`, `mineral`, `actor`, `theme`),
/// `label` (English, else the first language), `broader` (the parent's uid) and `ancestors`
/// (`list<string>`: every broader concept's uid, nearest first).
pub fn concepts_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        text("uid", false),
        text("scheme", false),
        text("label", false),
        text("broader", true),
        Field::new("ancestors", list_type(), false),
    ]))
}

/// The schema of the project table: `uid`, `name`, `acronym`.
pub fn projects_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        text("uid", false),
        text("name", false),
        text("acronym", true),
    ]))
}

fn batch(schema: SchemaRef, columns: Vec<ArrayRef>) -> pubcat::Result<RecordBatch> {
    RecordBatch::try_new(schema, columns).map_err(arrow_error)
}

/// Every current agent (merged records are left out: their publications point to the agent
/// they were merged into).
pub fn agents(catalog: &Catalog) -> pubcat::Result<RecordBatch> {
    let mut columns = [
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    ];
    for agent in catalog.agents()? {
        columns[0].append_value(&agent.uid);
        columns[1].append_value(agent.kind.as_str());
        columns[2].append_value(&agent.name);
    }
    batch(
        agents_schema(),
        columns
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .collect(),
    )
}

/// Every concept of every scheme, parents before their narrower concepts.
pub fn concepts(catalog: &Catalog) -> pubcat::Result<RecordBatch> {
    struct Columns {
        text: [StringBuilder; 4],
        ancestors: ListBuilder<StringBuilder>,
    }
    fn walk(node: &ConceptNode, path: &mut Vec<String>, out: &mut Columns) {
        let c = &node.concept;
        let label = c
            .labels
            .get("en")
            .or_else(|| c.labels.values().next())
            .unwrap_or(&c.uid);
        out.text[0].append_value(&c.uid);
        out.text[1].append_value(c.scheme.as_str());
        out.text[2].append_value(label);
        out.text[3].append_option(c.broader.as_deref());
        for uid in path.iter().rev() {
            out.ancestors.values().append_value(uid);
        }
        out.ancestors.append(true);
        path.push(c.uid.clone());
        for child in &node.narrower {
            walk(child, path, out);
        }
        path.pop();
    }
    let mut out = Columns {
        text: std::array::from_fn(|_| StringBuilder::new()),
        ancestors: ListBuilder::new(StringBuilder::new()),
    };
    for root in catalog.concepts(None)? {
        walk(&root, &mut Vec::new(), &mut out);
    }
    let mut columns: Vec<ArrayRef> = out
        .text
        .iter_mut()
        .map(|b| Arc::new(b.finish()) as ArrayRef)
        .collect();
    columns.push(Arc::new(out.ancestors.finish()));
    batch(concepts_schema(), columns)
}

/// Every project.
pub fn projects(catalog: &Catalog) -> pubcat::Result<RecordBatch> {
    let mut columns = [
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    ];
    for record in catalog.projects()? {
        let p = &record.project;
        columns[0].append_value(&p.uid);
        columns[1].append_value(&p.name);
        columns[2].append_option(p.acronym.as_deref());
    }
    batch(
        projects_schema(),
        columns
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef)
            .collect(),
    )
}
