"""Track: job status with optional long-poll, and the callback delivery log."""
from __future__ import annotations

import asyncio
import time
from typing import Annotated

import anyio
from fastapi import APIRouter, Path, Query

from sohoa.api.deps import Ctx, PrincipalDep, SessionDep
from sohoa.api.routes.common import job_view, visible_job
from sohoa.api.schemas import DeliveryOut, JobOut
from sohoa.models.api_tables import CallbackDelivery

router = APIRouter(tags=["track"])
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$")]


@router.get("/jobs/{job_id}", response_model=JobOut, summary="Job status; ?wait=N long-polls up to N seconds")
async def get_job(job_id: JobId, ctx: Ctx, who: PrincipalDep,
                  wait: Annotated[float, Query(ge=0, le=60, description="Seconds to wait for done/failed")] = 0):
    who.require("track")
    deadline = time.monotonic() + min(wait, ctx.api.max_wait)

    def load() -> JobOut:
        with ctx.sessions() as session:
            return job_view(session, visible_job(session, who, job_id))

    view = await anyio.to_thread.run_sync(load)
    while view.status not in ("done", "failed") and time.monotonic() < deadline:
        await asyncio.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
        view = await anyio.to_thread.run_sync(load)
    return view


@router.get("/jobs/{job_id}/deliveries", response_model=list[DeliveryOut], summary="Callback delivery log")
def get_deliveries(job_id: JobId, session: SessionDep, who: PrincipalDep):
    who.require("track")
    job = visible_job(session, who, job_id)
    rows = session.query(CallbackDelivery).filter(CallbackDelivery.job_id == job.id).order_by(CallbackDelivery.id)
    return [DeliveryOut.model_validate(r, from_attributes=True) for r in rows]
