import {
  type Dockerfile,
  DockerfileParser,
  type ImageTemplate,
  type Instruction,
  type JSONInstruction,
} from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { buildArgsOf, loadComposeFile, serviceOf } from './compose-file';
import { readRepositoryFile } from './repository';

const DOCKERFILE = 'infra/docker/Dockerfile';

interface Stage {
  name: string;
  image: string;
  template: ImageTemplate;
  instructions: Instruction[];
}

/** Splits the Dockerfile into its build stages, in file order. */
function stagesOf(dockerfile: Dockerfile): Stage[] {
  return dockerfile.getFROMs().map((from) => {
    const template = dockerfile.getContainingImage(from.getRange().start);
    if (template === null) {
      throw new Error(`no build stage contains the FROM on line ${from.getRange().start.line + 1}`);
    }
    return {
      name: from.getBuildStage() ?? '',
      image: from.getImage() ?? '',
      template,
      instructions: template.getInstructions(),
    };
  });
}

function instructionsNamed(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword);
}

/** Arguments of every instruction with the keyword, one string per instruction. */
function argumentTexts(stage: Stage, keyword: string): string[] {
  return instructionsNamed(stage, keyword).map((instruction) =>
    instruction
      .getArguments()
      .map((argument) => argument.getValue())
      .join(' '),
  );
}

/** Names and values set by ENV instructions of the stage. */
function environmentOf(stage: Stage): Record<string, string> {
  return Object.fromEntries(
    stage.template
      .getENVs()
      .flatMap((env) => env.getProperties())
      .map((property) => [property.getName(), property.getValue() ?? '']),
  );
}

/** Exec-form words of a HEALTHCHECK, which dockerfile-ast leaves unparsed after `CMD`. */
function healthcheckCommandOf(instruction: Instruction): string[] {
  const content = instruction.getArgumentsContent() ?? '';
  const match = /\bCMD\s+(\[[\s\S]*\])\s*$/.exec(content);
  return match?.[1] === undefined ? [] : (JSON.parse(match[1]) as string[]);
}

const text = readRepositoryFile(DOCKERFILE);
const dockerfile = DockerfileParser.parse(text);
const stages = stagesOf(dockerfile);
const stageNamed = (name: string): Stage => {
  const stage = stages.find((candidate) => candidate.name === name);
  if (stage === undefined) {
    throw new Error(`${DOCKERFILE} has no stage named ${name}`);
  }
  return stage;
};
const buildStage = stageNamed('build');
const runtimeStage = stageNamed('runtime');

describe('Dockerfile syntax', () => {
  test('Dockerfile has no diagnostics', () => {
    const diagnostics = validate(text).map(
      (diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
    );
    expect(diagnostics).toEqual([]);
  });

  // Proves that the validator reports problems, so the test above cannot pass by ignoring them.
  test('invalid HEALTHCHECK interval is reported', () => {
    const broken = text.replace('--interval=10s', '--interval=10x');
    expect(validate(broken)).not.toEqual([]);
  });

  test('stages are manifests, build, runtime', () => {
    expect(stages.map(({ name }) => name)).toEqual(['manifests', 'build', 'runtime']);
  });

  test('BuildKit syntax directive comes first', () => {
    expect(dockerfile.getDirective()?.getValue()).toBe('docker/dockerfile:1');
  });
});

describe('base image', () => {
  const initialArguments = Object.fromEntries(
    dockerfile
      .getInitialARGs()
      .map((arg) => [arg.getProperty()?.getName(), arg.getProperty()?.getValue()]),
  );

  test('NODE_IMAGE defaults to node:20-bookworm-slim', () => {
    expect(initialArguments.NODE_IMAGE).toBe('node:20-bookworm-slim');
  });

  test.each(stages.map(({ name, image }) => ({ name, image })))(
    'stage $name starts from NODE_IMAGE',
    ({ image }) => {
      expect(image).toBe(`\${NODE_IMAGE}`);
    },
  );
});

describe('build arguments', () => {
  const buildArguments = ['WORKSPACE', 'EXTRA_WORKSPACES', 'PORT'];

  /**
   * Lists the uses of a build argument that have no earlier ARG in the same
   * stage. Such a use expands to an empty string, because a global ARG reaches
   * FROM lines alone.
   */
  function undeclaredUses(stage: Stage): string[] {
    const declaredAt = new Map<string, number>();
    for (const arg of stage.template.getARGs()) {
      const name = arg.getProperty()?.getName();
      if (name !== undefined && !declaredAt.has(name)) {
        declaredAt.set(name, arg.getRange().start.line);
      }
    }
    return stage.instructions
      .filter((instruction) => instruction.getKeyword() !== 'FROM')
      .flatMap((instruction) =>
        instruction
          .getVariables()
          .map((variable) => variable.getName())
          .filter((name) => buildArguments.includes(name))
          .filter((name) => {
            const line = declaredAt.get(name);
            return line === undefined || line > instruction.getRange().start.line;
          })
          .map((name) => `${name} on line ${instruction.getRange().start.line + 1}`),
      );
  }

  test.each(stages.map(({ name }) => name))('stage %s declares the arguments it uses', (name) => {
    expect(undeclaredUses(stageNamed(name))).toEqual([]);
  });

  test('build stage rejects a missing WORKSPACE', () => {
    const checks = argumentTexts(buildStage, 'RUN').filter((run) =>
      run.includes(`-z "\${WORKSPACE}"`),
    );
    expect(checks).toHaveLength(1);
  });
});

describe('build stage', () => {
  test('build stage installs with npm ci', () => {
    expect(argumentTexts(buildStage, 'RUN').some((run) => /\bnpm ci\b/.test(run))).toBe(true);
  });

  test('build stage compiles the named workspaces', () => {
    expect(argumentTexts(buildStage, 'RUN')).toContain(
      `npx tsc -b \${WORKSPACE} \${EXTRA_WORKSPACES}`,
    );
  });

  test('build stage bundles the web app on request', () => {
    const bundle = argumentTexts(buildStage, 'RUN').find((run) => run.includes('web/build.js'));
    expect(bundle).toContain('WEB_APP');
    expect(bundle).toContain('npx tsc -b packages/client');
  });

  test('compose builds the gateway with the web app', () => {
    const gateway = serviceOf(loadComposeFile(), 'gateway');
    expect(buildArgsOf(gateway).WEB_APP).toBe('true');
  });
});

describe('runtime stage', () => {
  const runs = argumentTexts(runtimeStage, 'RUN');
  const install = runs.find((run) => run.includes('--omit=dev')) ?? '';

  test('runtime installs without dev dependencies', () => {
    expect(install).toContain('--omit=dev');
  });

  test('runtime removes devDependencies before installing', () => {
    expect(install).toContain('npm pkg delete devDependencies --workspaces');
  });

  test('runtime installs only the named workspaces', () => {
    expect(install).toContain("printf -- '--workspace=%s '");
  });

  test('runtime sets NODE_ENV to production', () => {
    expect(environmentOf(runtimeStage).NODE_ENV).toBe('production');
  });

  test('runtime listens on every interface', () => {
    expect(environmentOf(runtimeStage).HOST).toBe('0.0.0.0');
  });

  test('runtime sets PORT from the build argument', () => {
    expect(environmentOf(runtimeStage).PORT).toBe(`\${PORT}`);
  });

  test('runtime exposes the PORT build argument', () => {
    expect(argumentTexts(runtimeStage, 'EXPOSE')).toEqual([`\${PORT}`]);
  });

  test('runtime copies the compiled output from build', () => {
    const copies = runtimeStage.template.getCOPYs().map((copy) => ({
      from: copy.getFromFlag()?.getValue(),
      paths: copy.getArgumentsContent(),
    }));
    expect(copies).toContainEqual({ from: 'build', paths: '/out ./' });
  });

  test('runtime runs as user node', () => {
    expect(argumentTexts(runtimeStage, 'USER')).toEqual(['node']);
  });

  test('USER precedes CMD', () => {
    const lineOf = (keyword: string) =>
      instructionsNamed(runtimeStage, keyword)[0]?.getRange().start.line ?? -1;
    expect(lineOf('USER')).toBeLessThan(lineOf('CMD'));
  });

  test('runtime works in the WORKSPACE folder', () => {
    expect(argumentTexts(runtimeStage, 'WORKDIR').at(-1)).toBe(`/app/\${WORKSPACE}`);
  });

  test('CMD runs dist/main.js in exec form', () => {
    const cmd = instructionsNamed(runtimeStage, 'CMD')[0] as JSONInstruction | undefined;
    const words = cmd?.getJSONStrings().map((word) => word.getJSONValue());
    expect(words).toEqual(['node', 'dist/main.js']);
  });

  test('runtime has one HEALTHCHECK', () => {
    expect(instructionsNamed(runtimeStage, 'HEALTHCHECK')).toHaveLength(1);
  });

  test('HEALTHCHECK requests /readyz on PORT with node', () => {
    const [healthcheck] = instructionsNamed(runtimeStage, 'HEALTHCHECK');
    const words = healthcheck === undefined ? [] : healthcheckCommandOf(healthcheck);
    expect(words.slice(0, 2)).toEqual(['node', '-e']);
    expect(words[2]).toContain("'http://127.0.0.1:' + process.env.PORT + '/readyz'");
  });
});

describe('.dockerignore', () => {
  const patterns = readRepositoryFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));

  // The build stage copies every dist/ folder it finds, so none may come from the host.
  test.each(['**/node_modules', '**/dist', '.git'])('context excludes %s', (pattern) => {
    expect(patterns).toContain(pattern);
  });

  test.each(['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json', 'data'])(
    'context does not list %s',
    (file) => {
      expect(patterns.filter((pattern) => pattern === file || pattern === `${file}/**`)).toEqual(
        [],
      );
    },
  );

  test('context keeps the package.json of infra', () => {
    expect(patterns).toContain('!infra/package.json');
  });
});
