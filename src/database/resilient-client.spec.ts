import { Client } from 'pg';
import { ResilientClient } from './resilient-client';

describe('ResilientClient', () => {
  const terminated = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

  it('keeps a connection error that nobody else listens for from stopping the process', () => {
    expect(() => new Client().emit('error', terminated())).toThrow('administrator command');
    expect(() => new ResilientClient().emit('error', terminated())).not.toThrow();
  });

  it('still delivers the error to the listeners the pool and TypeORM attach', () => {
    const client = new ResilientClient();
    const heard: string[] = [];
    client.on('error', (error: Error) => heard.push(error.message));
    client.emit('error', terminated());
    expect(heard).toEqual(['terminating connection due to administrator command']);
  });
});
