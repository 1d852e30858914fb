// Deleting a project or script whose renders recorded their pictures and narration: rendered scenes
// refer to those assets without a cascade, so a plain cascade failed ("Unexpected error.").
import { describe, expect, it } from 'vitest';
import { createUser, globalId, gql, prisma, seedAsset, seedRender, seedScript } from './helpers.js';

async function renderedProject() {
  const user = await createUser('owner');
  const { project, script, scenes } = await seedScript(user, 2);
  const render = await seedRender(script.id, user.id, { status: 'SUCCEEDED' });
  for (const [i, scene] of scenes.entries()) {
    const picture = await seedAsset(project.id, { sceneId: scene.id });
    const narration = await seedAsset(project.id, { sceneId: scene.id, kind: 'AUDIO' });
    await prisma.renderedScene.updateMany({ where: { renderId: render.id, position: i }, data: { assetId: picture.id, narrationAssetId: narration.id } });
  }
  return { user, project, script, render };
}

describe('deleting what was rendered', () => {
  it('deleteScript removes the script, its renders and their rendered scenes', async () => {
    const { user, script, render } = await renderedProject();
    const r = await gql(
      `mutation($id: ID!) { deleteScript(id: $id) { __typename ... on Error { message } } }`,
      { id: globalId('Script', script.id) },
      user.key,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.deleteScript.__typename).toBe('DeleteScriptSuccess');
    expect(await prisma.render.count({ where: { id: render.id } })).toBe(0);
    expect(await prisma.renderedScene.count({ where: { renderId: render.id } })).toBe(0);
  });

  it('deleteProject removes the project and everything under it', async () => {
    const { user, project, render } = await renderedProject();
    const r = await gql(
      `mutation($id: ID!) { deleteProject(id: $id) { __typename ... on Error { message } } }`,
      { id: globalId('Project', project.id) },
      user.key,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.deleteProject.__typename).toBe('DeleteProjectSuccess');
    expect(await prisma.asset.count({ where: { projectId: project.id } })).toBe(0);
    expect(await prisma.renderedScene.count({ where: { renderId: render.id } })).toBe(0);
  });

  it("another user's delete still removes nothing", async () => {
    const { project, render } = await renderedProject();
    const bob = await createUser('bob');
    const r = await gql(`mutation($id: ID!) { deleteProject(id: $id) { __typename } }`, { id: globalId('Project', project.id) }, bob.key);
    expect(r.data.deleteProject.__typename).toBe('NotFoundError');
    expect(await prisma.renderedScene.count({ where: { renderId: render.id } })).toBe(2);
  });
});
