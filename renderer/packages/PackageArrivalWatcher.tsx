/**
 * Mounted once by the shell: shows a package main opened (the `package:opened` event, and once at
 * start-up in case one was opened before the window was ready), and puts the banner away when the
 * person moves to another screen.
 */
import { useEffect } from 'react';
import { invoke, onEvent } from '../api.js';
import { useApp } from '../app-context.js';
import type { Route } from '../routes.js';
import { leftFor, usePackageArrivals } from './arrivals.js';

export function PackageArrivalWatcher({ route }: { route: Route }) {
  const app = useApp();
  const arrivals = usePackageArrivals();

  useEffect(() => {
    const showLast = () => {
      invoke('package:last', {}).then(
        (arrival) => {
          if (arrival !== null) arrivals.receive(arrival);
        },
        (error: unknown) => app.notify(`A story package was opened but cannot be shown: ${error instanceof Error ? error.message : String(error)}`),
      );
    };
    showLast();
    return onEvent('package:opened', showLast);
  }, [app, arrivals]);

  useEffect(() => leftFor(route), [route]);

  return null;
}
