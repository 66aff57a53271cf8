export default function Index() {
  return (
    <>
      <h1>Kommunforum Analytics</h1>
      <p className="lead">Kommuner lär av varandra om BI, IoT och AI.</p>
    </>
  );
}
