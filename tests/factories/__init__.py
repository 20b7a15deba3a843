"""factory-boy factories, one module per app, so every test builds exactly the world it needs:
``from tests.factories.people import DoctorFactory``."""
