import { Trans, useLingui } from '@lingui/react/macro';
import { Link } from 'react-router-dom';
import { MessageScreen } from '../../components/message-screen';
import { paths } from '../../config/paths';

export function NotFoundRoute() {
  const { t } = useLingui();
  return (
    <MessageScreen title={t`Page not found`} actions={<Link className="btn btn--primary" to={paths.home()}><Trans>Home</Trans></Link>}>
      <p><Trans>There is nothing at this address.</Trans></p>
    </MessageScreen>
  );
}
