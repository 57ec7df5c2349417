import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isObject } from '../asl/json';
import { failed, ok, type Integration, type TaskOutcome } from './types';

const RESOURCE = /^arn:aws[\w-]*:states:::(?:aws-sdk:)?dynamodb:(getItem|putItem|updateItem|deleteItem)$/;

type Input = ConstructorParameters<typeof GetItemCommand>[0];
const commands = {
  getItem: (a: unknown) => new GetItemCommand(a as Input),
  putItem: (a: unknown) => new PutItemCommand(a as ConstructorParameters<typeof PutItemCommand>[0]),
  updateItem: (a: unknown) => new UpdateItemCommand(a as ConstructorParameters<typeof UpdateItemCommand>[0]),
  deleteItem: (a: unknown) => new DeleteItemCommand(a as ConstructorParameters<typeof DeleteItemCommand>[0]),
};

/** `dynamodb:getItem|putItem|updateItem|deleteItem` through the injected client; errors are `DynamoDB.<Exception>`. */
export function dynamodbIntegration(client: () => DynamoDBClient | undefined): Integration {
  return {
    matches: (r) => RESOURCE.test(r),
    async invoke(req): Promise<TaskOutcome> {
      const c = client();
      if (!c) return failed('States.Runtime', `No DynamoDB client is configured for ${req.resource}`);
      const op = RESOURCE.exec(req.resource)?.[1] as keyof typeof commands;
      if (!isObject(req.args)) return failed('DynamoDB.ValidationException', `${op} parameters must be an object`);
      try {
        const res = (await c.send(commands[op](req.args) as never)) as unknown as Record<string, unknown>;
        const { $metadata: _m, ...rest } = res;
        return ok(JSON.parse(JSON.stringify(rest)));
      } catch (e) {
        const err = e as Error & { $metadata?: { httpStatusCode?: number; requestId?: string } };
        return failed(`DynamoDB.${err.name || 'DynamoDbException'}`,
          `${err.message} (Service: DynamoDb, Status Code: ${err.$metadata?.httpStatusCode ?? 400}, Request ID: ${err.$metadata?.requestId ?? 'unknown'})`);
      }
    },
  };
}
