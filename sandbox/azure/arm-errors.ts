/**
 * ARM's error answers: `{ "error": { "code", "message" } }` (common-types ErrorResponse) with the HTTP status
 * Azure uses. Where Azure's exact code for a rule is published or widely seen, that code is used; where it is
 * not (the restore-window rules), the code is the sandbox's own and says so in sandbox/README.md.
 */

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ArmError";
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const armErrors = {
  missingAuthorization: () =>
    new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.", {
      "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
    }),
  invalidToken: () =>
    new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.", {
      "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token is invalid."',
    }),
  missingApiVersion: () =>
    new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."),
  unsupportedApiVersion: (apiVersion: string, type: string, supported: readonly string[], location = "uksouth") =>
    new ArmError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for location '${location}' and API version '${apiVersion}' for type '${type}'. The supported api-versions are '${supported.join(", ")}'. The supported locations are '${location}'.`,
    ),
  subscriptionNotFound: (subscriptionId: string) => new ArmError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`),
  resourceGroupNotFound: (resourceGroup: string) => new ArmError(404, "ResourceGroupNotFound", `Resource group '${resourceGroup}' could not be found.`),
  resourceNotFound: (type: string, name: string, resourceGroup: string) =>
    new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  operationNotFound: (id: string) => new ArmError(404, "OperationNotFound", `The operation '${id}' could not be found.`),
  invalidRequestContent: (detail: string) => new ArmError(400, "InvalidRequestContent", `The request content was invalid and could not be deserialized: '${detail}'.`),
  locationRequired: () => new ArmError(400, "LocationRequired", "The location property is required for this definition."),
  invalidParameter: (message: string) => new ArmError(400, "InvalidParameterValue", message),
  nameInUse: () => new ArmError(409, "ServerNameAlreadyExists", "Specified server name is already used."),
  serverBusy: (name: string, state: string) =>
    new ArmError(409, "ServerBusy", `The server '${name}' is '${state}'. Operations on a server in '${state}' state are not allowed; wait for it to be Ready.`),
  dropping: () => new ArmError(409, "OperationNotAllowed", "Operations on a server group in dropping state are not allowed."),
  // Sandbox's own codes: Azure does not publish the code it answers for these rules (see README).
  restorePointOutsideWindow: (point: string, earliest: string, latest: string) =>
    new ArmError(
      400,
      "PointInTimeRestoreTimeInvalid",
      `The restore point in time '${point}' is not valid. Choose a time between the earliest restore point '${earliest}' and '${latest}' (5 minutes ago), in UTC.`,
    ),
  sourceServerNotFound: (id: string) =>
    new ArmError(404, "SourceServerNotFound", `The source server '${id}' could not be found, or it was deleted more than 5 days ago and its backups are no longer kept.`),
  revivePointInvalid: (point: string, deletedAt: string, earliest: string) =>
    new ArmError(
      400,
      "ReviveDroppedTimeInvalid",
      `The point in time '${point}' is not valid for a dropped server deleted at '${deletedAt}'. It must be at least 10 minutes after the deletion (${earliest} or later) and in the past, in UTC.`,
    ),
  sourceServerNotDropped: (id: string) =>
    new ArmError(400, "SourceServerNotDropped", `The server '${id}' has not been deleted: use createMode 'PointInTimeRestore' to restore an existing server.`),
  notFound: (path: string) => new ArmError(404, "NotFound", `No HTTP resource was found that matches the request URI '${path}'.`),
  methodNotAllowed: (method: string) => new ArmError(405, "MethodNotAllowed", `The requested resource does not support http method '${method}'.`),
  tooManyRequests: (retryAfterSeconds: number) =>
    new ArmError(
      429,
      "TooManyRequests",
      "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, refer to - https://aka.ms/srpthrottlinglimits",
      { "Retry-After": String(retryAfterSeconds) },
    ),
  internal: (trackingId: string) =>
    new ArmError(500, "InternalServerError", `An unexpected error occured while processing the request. Tracking ID: '${trackingId}'`),
} as const;
