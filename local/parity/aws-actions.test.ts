/** The IAM actions parity mode checks for DynamoDB's PartiQL calls (the Service Authorization Reference: `PartiQL<Verb>` on the table or index). */
import { dynamodbChecks, partiqlAction } from './aws-actions';

const where = { account: '123456789012', region: 'eu-west-1', bucketKeys: new Map(), secretKeys: new Map(), secretArn: () => undefined };
const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/studio-dev-data';

it('reads the verb and the table of a statement, quoted or not', () => {
  expect(partiqlAction('UPDATE "studio-dev-data" SET "v" = ? WHERE "pk" = ? AND "sk" = ?')).toEqual({ action: 'PartiQLUpdate', table: 'studio-dev-data' });
  expect(partiqlAction('  delete from Music where Artist = ?')).toEqual({ action: 'PartiQLDelete', table: 'Music' });
  expect(partiqlAction('INSERT INTO "a""b" VALUE {\'pk\': ?}')).toEqual({ action: 'PartiQLInsert', table: 'a"b' });
  expect(partiqlAction('SELECT * FROM "studio-dev-data"."gsi1" WHERE "gsi1pk" = ?')).toEqual({ action: 'PartiQLSelect', table: 'studio-dev-data', index: 'gsi1' });
  expect(partiqlAction('EXISTS(SELECT 1)')).toEqual({ action: 'PartiQLUnreadableStatement', table: '*' });
});

it('asks for one action per statement of a batch or a transaction, and for the one of a single statement', () => {
  const update = { Statement: 'UPDATE "studio-dev-data" SET "v" = ? WHERE "pk" = ? AND "sk" = ?' };
  expect(dynamodbChecks('DynamoDB_20120810.BatchExecuteStatement', { Statements: [update, { Statement: 'SELECT * FROM "studio-dev-data" WHERE "pk" = ?' }] }, where)).toEqual([
    { action: 'dynamodb:PartiQLUpdate', resource: TABLE }, { action: 'dynamodb:PartiQLSelect', resource: TABLE },
  ]);
  expect(dynamodbChecks('DynamoDB_20120810.ExecuteTransaction', { TransactStatements: [update] }, where)).toEqual([{ action: 'dynamodb:PartiQLUpdate', resource: TABLE }]);
  expect(dynamodbChecks('DynamoDB_20120810.ExecuteStatement', update, where)).toEqual([{ action: 'dynamodb:PartiQLUpdate', resource: TABLE }]);
});
