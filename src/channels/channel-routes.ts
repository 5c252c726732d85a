import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { channelBinding, channelBindingOutput } from './channel-schemas';
import type { ChannelService } from './channel-service';

const tag = 'Members';

export function registerChannelRoutes(api: ApiContext, channels: ChannelService): void {
  api.route({
    method: 'PUT',
    url: '/api/v1/bodies/:id/channel',
    summary: "Bind the body to a Teams channel: the bot posts the body's agenda and approved minutes there",
    tag,
    params: idParam,
    body: channelBinding,
    response: channelBindingOutput,
    problems: [403],
    handler: ({ principal, params, body }) => channels.bind(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/bodies/:id/channel',
    summary: 'Unbind the body from its Teams channel: the bot no longer posts there',
    tag,
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await channels.unbind(principal, params.id);
      return undefined;
    },
  });
}
