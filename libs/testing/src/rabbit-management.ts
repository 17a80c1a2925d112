/** A thin client of the RabbitMQ management HTTP API, for test setup and fault injection. */
export class RabbitManagement {
  private readonly base: string;
  private readonly authorization: string;

  constructor(managementUrl: string) {
    const url = new URL(managementUrl);
    this.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
    this.base = url.toString().replace(/\/$/, '');
    this.user = decodeURIComponent(new URL(managementUrl).username) || 'guest';
  }

  /** The user whose credentials the client uses. */
  readonly user: string;

  /** Creates a vhost and gives the user every permission on it. */
  async createVhost(vhost: string): Promise<void> {
    await this.request('PUT', `/api/vhosts/${encodeURIComponent(vhost)}`, {});
    await this.request('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(this.user)}`, {
      configure: '.*',
      write: '.*',
      read: '.*',
    });
  }

  /** Creates (or updates) a user with a password and no tags. */
  async createUser(user: string, password: string): Promise<void> {
    await this.request('PUT', `/api/users/${encodeURIComponent(user)}`, { password, tags: '' });
  }

  /** Deletes a user (nothing when there is none). */
  async deleteUser(user: string): Promise<void> {
    await this.request('DELETE', `/api/users/${encodeURIComponent(user)}`, undefined, [404]);
  }

  /** Sets what a user may configure, write and read in a vhost (RabbitMQ permission regexes). */
  async setPermissions(
    vhost: string,
    user: string,
    permissions: { readonly configure: string; readonly write: string; readonly read: string },
  ): Promise<void> {
    await this.request('PUT', `/api/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(user)}`, permissions);
  }

  /** Deletes a vhost with everything in it. */
  async deleteVhost(vhost: string): Promise<void> {
    await this.request('DELETE', `/api/vhosts/${encodeURIComponent(vhost)}`, undefined, [404]);
  }

  /** The names of every vhost. */
  async listVhosts(): Promise<string[]> {
    return ((await this.request('GET', '/api/vhosts')) as { name: string }[]).map((vhost) => vhost.name);
  }

  /** How many client connections a vhost has now. */
  async connectionCount(vhost: string): Promise<number> {
    return ((await this.request('GET', `/api/vhosts/${encodeURIComponent(vhost)}/connections`)) as unknown[]).length;
  }

  /** Number of ready plus unacked messages in a queue. */
  async queueDepth(vhost: string, queue: string): Promise<number> {
    const body = (await this.request(
      'GET',
      `/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`,
    )) as {
      messages?: number;
    };
    return body.messages ?? 0;
  }

  /** Force-closes every client connection of a vhost, as a broker restart would. Returns how many were closed. */
  async closeConnections(vhost: string): Promise<number> {
    const connections = (await this.request('GET', `/api/vhosts/${encodeURIComponent(vhost)}/connections`)) as {
      name: string;
    }[];
    for (const connection of connections) {
      await this.request('DELETE', `/api/connections/${encodeURIComponent(connection.name)}`, undefined, [404]);
    }
    return connections.length;
  }

  private async request(method: string, path: string, body?: unknown, tolerated: number[] = []): Promise<unknown> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: this.authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok && !tolerated.includes(response.status)) {
      throw new Error(`RabbitMQ management ${method} ${path} answered ${response.status}: ${await response.text()}`);
    }
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
