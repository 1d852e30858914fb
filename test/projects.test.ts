import { describe, expect, it } from 'vitest';
import { createUser, gql, gqlOk, snapshotOf } from './helpers.js';

const CREATE = `mutation($input: CreateProjectInput!) {
  createProject(input: $input) {
    __typename
    ... on CreateProjectSuccess { data { id title language defaultPreset defaultSubtitleStyle } }
    ... on ValidationError { message fields { path message } }
  }
}`;

describe('projects', () => {
  it('creates a project and lists it', async () => {
    const alice = await createUser('alice');
    const r = await gqlOk(CREATE, { input: { title: 'Cats', language: 'pt-BR' } }, alice.key);
    expect(r.createProject.__typename).toBe('CreateProjectSuccess');
    expect(r.createProject.data).toMatchObject({ title: 'Cats', language: 'pt-BR', defaultPreset: 'VERYFAST', defaultSubtitleStyle: 'KARAOKE' });
    const list = await gqlOk(`{ projects(first: 10) { totalCount edges { node { id title } } } }`, {}, alice.key);
    expect(list.projects.totalCount).toBe(1);
    expect(list.projects.edges[0].node.id).toBe(r.createProject.data.id);
  });

  it('refuses a blank title and a bad language, naming the field, and writes nothing', async () => {
    const alice = await createUser('alice');
    const before = await snapshotOf(alice.id);
    const blank = await gqlOk(CREATE, { input: { title: '   ' } }, alice.key);
    expect(blank.createProject.__typename).toBe('ValidationError');
    expect(blank.createProject.fields).toEqual([{ path: ['input', 'title'], message: 'must not be empty' }]);
    const lang = await gqlOk(CREATE, { input: { title: 'ok', language: 'not a tag!' } }, alice.key);
    expect(lang.createProject.__typename).toBe('ValidationError');
    expect(lang.createProject.fields[0].path).toEqual(['input', 'language']);
    expect(lang.createProject.message).toMatch(/BCP 47/);
    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('needs an API key', async () => {
    const r = await gql(CREATE, { input: { title: 'x' } });
    expect(r.errors?.[0]?.message).toMatch(/API key/);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("another user's project answers not-found and is left unchanged", async () => {
    const alice = await createUser('alice');
    const bob = await createUser('bob');
    const created = await gqlOk(CREATE, { input: { title: 'Mine' } }, alice.key);
    const id = created.createProject.data.id;
    const before = await snapshotOf(alice.id);

    const upd = await gqlOk(
      `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { __typename ... on NotFoundError { message id } } }`,
      { input: { id, title: 'Stolen' } },
      bob.key,
    );
    expect(upd.updateProject).toEqual({ __typename: 'NotFoundError', message: `Project ${id} was not found`, id });
    const del = await gqlOk(`mutation($id: ID!) { deleteProject(id: $id) { __typename } }`, { id }, bob.key);
    expect(del.deleteProject.__typename).toBe('NotFoundError');
    const node = await gqlOk(`query($id: ID!) { node(id: $id) { id } }`, { id }, bob.key);
    expect(node.node).toBeNull();
    const list = await gqlOk(`{ projects(first: 5) { totalCount } }`, {}, bob.key);
    expect(list.projects.totalCount).toBe(0);

    expect(await snapshotOf(alice.id)).toEqual(before);
  });

  it('updates and deletes your own project', async () => {
    const alice = await createUser('alice');
    const created = await gqlOk(CREATE, { input: { title: 'Old', defaultVoice: 'en-us' } }, alice.key);
    const id = created.createProject.data.id;
    const upd = await gqlOk(
      `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ... on UpdateProjectSuccess { data { title defaultVoice defaultPreset } } } }`,
      { input: { id, title: 'New', defaultVoice: null, defaultPreset: 'FAST' } },
      alice.key,
    );
    expect(upd.updateProject.data).toEqual({ title: 'New', defaultVoice: null, defaultPreset: 'FAST' });
    const del = await gqlOk(`mutation($id: ID!) { deleteProject(id: $id) { ... on DeleteProjectSuccess { data { deletedId } } } }`, { id }, alice.key);
    expect(del.deleteProject.data.deletedId).toBe(id);
    const node = await gqlOk(`query($id: ID!) { node(id: $id) { id } }`, { id }, alice.key);
    expect(node.node).toBeNull();
  });
});
