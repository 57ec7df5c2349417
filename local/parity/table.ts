/** The table as the template declares it (keys, attributes, indexes, TTL), created in DynamoDB Local. */
import { CreateTableCommand, ResourceInUseException, UpdateTimeToLiveCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export async function createTableFromTemplate(client: DynamoDBClient, name: string, p: Record<string, unknown>): Promise<void> {
  const gsis = p.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'];
  try {
    await client.send(new CreateTableCommand({
      TableName: name, BillingMode: 'PAY_PER_REQUEST',
      KeySchema: p.KeySchema as CreateTableCommandInput['KeySchema'], AttributeDefinitions: p.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
      ...(gsis?.length ? { GlobalSecondaryIndexes: gsis } : {}),
    }));
  } catch (e) {
    if (!(e instanceof ResourceInUseException)) throw e;
    return;
  }
  const ttl = p.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  if (ttl?.Enabled && ttl.AttributeName) await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true } }));
}
